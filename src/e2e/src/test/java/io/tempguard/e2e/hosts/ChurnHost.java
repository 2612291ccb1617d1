package io.tempguard.e2e.hosts;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the registry busy: creates and deletes many temp files (Files.delete, File.delete and
 * Files.deleteIfExists in turn), waits; then creates temp files and calls File.deleteOnExit on each,
 * printing the size of the JDK's DeleteOnExitHook list before and after; waits; exits normally.
 * Needs {@code --add-opens java.base/java.io=ALL-UNNAMED}.
 *
 * <p>Arguments: files to churn, temp files to mark deleteOnExit, and a path outside the temp
 * directory where an ordinary file is created and marked deleteOnExit too.
 */
public final class ChurnHost {
    public static void main(String[] args) throws Exception {
        int churn = Integer.parseInt(args[0]);
        int onExit = Integer.parseInt(args[1]);

        int deleted = 0;
        for (int i = 0; i < churn; i++) {
            switch (i % 3) {
                case 0: {
                    Path p = Files.createTempFile("churn-", ".tmp");
                    Files.delete(p);
                    deleted++;
                    break;
                }
                case 1: {
                    File f = File.createTempFile("churn-", ".tmp");
                    if (f.delete()) deleted++;
                    break;
                }
                default: {
                    Path p = Files.createTempFile("churn-", ".tmp");
                    if (Files.deleteIfExists(p)) deleted++;
                    break;
                }
            }
        }
        System.out.println("CHURNED " + deleted);
        HostIo.readyThenWait("READY-CHURN");

        System.out.println("HOOK-BEFORE " + deleteOnExitHookSize());
        List<File> marked = new ArrayList<>();
        for (int i = 0; i < onExit; i++) {
            File f = File.createTempFile("on-exit-", ".tmp");
            f.deleteOnExit();
            marked.add(f);
        }
        System.out.println("MARKED " + marked.size());
        File outside = Files.createFile(Paths.get(args[2])).toFile();
        outside.deleteOnExit();
        System.out.println("MARKED OUTSIDE " + outside);
        System.out.println("HOOK-AFTER " + deleteOnExitHookSize());
        HostIo.readyThenWait("READY-ON-EXIT");
    }

    private static int deleteOnExitHookSize() throws Exception {
        Class<?> hook = Class.forName("java.io.DeleteOnExitHook");
        Field files = hook.getDeclaredField("files");
        files.setAccessible(true);
        synchronized (hook) {
            return ((Collection<?>) files.get(null)).size();
        }
    }

    private ChurnHost() {
    }
}
