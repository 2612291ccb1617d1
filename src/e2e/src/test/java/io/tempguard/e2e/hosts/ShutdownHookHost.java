package io.tempguard.e2e.hosts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * A host that finishes its work in its own shutdown hooks: for each hook it creates a temp file
 * and writes to it; it creates other temp paths too; each hook sleeps 500 ms, then appends to its
 * temp file (without creating it again: a deleted file makes the hook fail) and moves it to its
 * final place outside the temp directory; then main returns. Prints {@code WORK path} per hook,
 * {@code FILE path}, {@code DIR path} and {@code done}; each hook prints {@code HOOK DONE n}, or
 * its failure on stderr.
 *
 * <p>Arguments: the directory for the final files ({@code report-n.txt}), how many such hooks, and
 * (optionally) how many idle hooks, which do nothing, to register after them. Hooks start in an
 * arbitrary order, so idle ones may be started between the agent's hook and the host's.
 */
public final class ShutdownHookHost {
    public static void main(String[] args) throws Exception {
        Path targets = Paths.get(args[0]);
        int hooks = Integer.parseInt(args[1]);
        for (int i = 0; i < hooks; i++) {
            int n = i;
            Path work = Files.createTempFile("report-" + n + "-", ".part");
            Files.write(work, "begun\n".getBytes(StandardCharsets.UTF_8));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(500);
                    Files.write(work, "finished by the host's shutdown hook\n".getBytes(StandardCharsets.UTF_8),
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    Files.move(work, targets.resolve("report-" + n + ".txt"));
                    System.out.println("HOOK DONE " + n);
                } catch (Exception e) {
                    System.err.println("HOOK FAILED: " + e);
                }
            }, "host-hook-" + n));
            System.out.println("WORK " + work);
        }
        int idle = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 0; i < idle; i++) Runtime.getRuntime().addShutdownHook(new Thread(() -> { }, "idle-hook-" + i));
        Path other = Files.createTempFile("other-", ".tmp");
        Path scratch = Files.createTempDirectory("scratch-");
        Files.write(scratch.resolve("inside.txt"), "scratch".getBytes(StandardCharsets.UTF_8));
        System.out.println("FILE " + other);
        System.out.println("DIR " + scratch);
        System.out.println("done");
    }

    private ShutdownHookHost() {
    }
}
