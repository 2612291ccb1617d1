package io.tempguard.e2e.hosts;

import java.io.File;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Hands paths to {@code File.deleteOnExit} the ways libraries do, all in {@code java.io.tmpdir}
 * unless said otherwise: {@code later.bin} before it exists (then written with a
 * FileOutputStream), {@code work-dir} (a directory that still holds files at exit, which the JDK
 * cannot delete), {@code existing.so} after it was written, and an ordinary file outside the temp
 * directory (argument 0). It also makes {@code kept-*.tmp} with Files.createTempFile and does not
 * hand it to deleteOnExit. Prints {@code PATH kind path} for each, {@code HOOK n} (the size of the
 * JDK's DeleteOnExitHook list; needs {@code --add-opens java.base/java.io=ALL-UNNAMED}) and
 * {@code READY}, then exits normally after a line on stdin (or is killed).
 */
public final class DeleteOnExitAdoptHost {
    public static void main(String[] args) throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));

        File later = tmp.resolve("later.bin").toFile();
        later.deleteOnExit(); // before it exists, as native-library loaders often do
        try (FileOutputStream out = new FileOutputStream(later)) {
            out.write("written after deleteOnExit".getBytes(StandardCharsets.UTF_8));
        }
        print("LATER", later);

        File dir = tmp.resolve("work-dir").toFile();
        if (!dir.mkdir()) throw new IllegalStateException("mkdir " + dir);
        Files.write(dir.toPath().resolve("a.txt"), new byte[10]);
        Files.createDirectory(dir.toPath().resolve("sub"));
        Files.write(dir.toPath().resolve("sub/b.txt"), new byte[20]);
        dir.deleteOnExit();
        print("DIR", dir);

        File existing = Files.write(tmp.resolve("existing.so"), new byte[30]).toFile();
        existing.deleteOnExit();
        print("EXISTING", existing);

        File outside = Files.write(Path.of(args[0]), new byte[1]).toFile();
        outside.deleteOnExit();
        print("OUTSIDE", outside);

        print("KEPT", Files.createTempFile("kept-", ".tmp").toFile());

        System.out.println("HOOK " + deleteOnExitHookSize());
        HostIo.readyThenWait("READY");
        System.out.println("done");
    }

    private static void print(String kind, File f) {
        System.out.println("PATH " + kind + " " + f.getAbsolutePath());
    }

    private static int deleteOnExitHookSize() throws Exception {
        Class<?> hook = Class.forName("java.io.DeleteOnExitHook");
        Field files = hook.getDeclaredField("files");
        files.setAccessible(true);
        synchronized (hook) {
            return ((Collection<?>) files.get(null)).size();
        }
    }

    private DeleteOnExitAdoptHost() {
    }
}
