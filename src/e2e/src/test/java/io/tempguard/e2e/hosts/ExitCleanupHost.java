package io.tempguard.e2e.hosts;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Leaves work for the agent's exit cleanup in {@code java.io.tmpdir}, prints {@code EXITING} and
 * returns from main (a normal exit). Arguments: the case and a number.
 * <ul>
 *   <li>{@code replaced n}: n temp files, each then deleted behind the intercepted calls (through
 *       the file system provider) and written anew, so at exit their identity has changed and the
 *       cleanup must skip them;</li>
 *   <li>{@code bigTree n}: a temp directory holding n plain files, a tree slow to delete;</li>
 *   <li>{@code slowHook ms}: three temp files, and a shutdown hook of the host's that sleeps ms
 *       milliseconds, then prints {@code HOOK DONE}.</li>
 * </ul>
 */
public final class ExitCleanupHost {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        switch (mode) {
            case "replaced":
                for (int i = 0; i < n; i++) {
                    Path p = Files.createTempFile("replaced-", ".tmp");
                    FileSystems.getDefault().provider().delete(p); // not one of the intercepted calls
                    Files.write(p, "the host's own new file".getBytes(StandardCharsets.UTF_8));
                    System.out.println("FILE " + p);
                }
                break;
            case "bigTree":
                Path dir = Files.createTempDirectory("big-");
                for (int i = 0; i < n; i++) Files.createFile(dir.resolve("f" + i));
                System.out.println("DIR " + dir);
                break;
            case "slowHook":
                for (int i = 0; i < 3; i++) System.out.println("FILE " + Files.createTempFile("hooked-", ".tmp"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Thread.sleep(n);
                        System.out.println("HOOK DONE");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "slow-host-hook"));
                break;
            default:
                throw new IllegalArgumentException(mode);
        }
        System.out.println("done");
        System.out.println("EXITING");
        System.out.flush();
    }

    private ExitCleanupHost() {
    }
}
