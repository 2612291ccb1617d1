package io.tempguard;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Main class of the child JVMs of {@link ShutdownChildJvmTest}. It installs the global manager
 * with shutdown cleanup ON (the default), creates tracked files and nested directories under the
 * root it is given, prints {@code PATH <p>} for each path it made, then {@code READY}, and exits
 * normally, so only the shutdown hook can delete them.
 *
 * <p>Arguments: {@code plain <root>} (all defaults but the root; exits right after READY) or
 * {@code stuck <root> <shutdownTimeoutSeconds>} (JMX off; also prints {@code STUCK <p>} for a file
 * the parent makes undeletable, and exits after reading {@code exit} on stdin).
 */
public final class ShutdownChild {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path root = Paths.get(args[1]);
        TempFileManagerConfig.Builder config = TempFileManagerConfig.builder().roots(root);
        if (mode.equals("stuck")) {
            config.jmx(false).shutdownTimeout(Duration.ofSeconds(Long.parseLong(args[2])));
        }
        TempFileManager temp = TempFileManager.installGlobal(config.build());

        for (int i = 0; i < 3; i++) {
            Path f = temp.createTempFile(root, "child-", ".bin");
            Files.write(f, new byte[100 * (i + 1)]);
            print(f);
        }
        Path dir = temp.createTempDirectory(root, "child-dir-");
        print(dir);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        print(sub);
        Path deeper = Files.createDirectories(sub.resolve("deeper"));
        print(deeper);
        print(Files.write(dir.resolve("top.txt"), "top".getBytes(StandardCharsets.UTF_8)));
        print(Files.write(deeper.resolve("leaf.txt"), "leaf".getBytes(StandardCharsets.UTF_8)));
        print(temp.createTempFile(sub, "tracked-inner-", ".bin"));
        print(temp.createTempDirectory(dir, "tracked-inner-dir-"));
        Path registered = Files.write(root.resolve("registered.txt"), new byte[42]);
        if (!temp.register(registered)) throw new AssertionError("register returned false");
        print(registered);

        if (mode.equals("stuck")) {
            Path locked = Files.createDirectories(dir.resolve("locked"));
            Path stuck = Files.write(locked.resolve("stuck.bin"), new byte[10]);
            System.out.println("STUCK " + stuck);
        }
        System.out.println("READY");
        System.out.flush();

        if (mode.equals("stuck")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("exit")) {
                // wait for the parent
            }
        }
        // main returns: a normal JVM exit, so the shutdown hook runs.
    }

    private static void print(Path p) {
        System.out.println("PATH " + p);
    }

    private ShutdownChild() {
    }
}
