package io.tempguard.e2e.hosts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a temp directory {@code job-…} with an empty {@code mnt} in it (for the parent to mount
 * something on) and some ordinary content of its own, prints {@code DIR path} and {@code READY},
 * waits for one line on stdin and exits normally (unless it is killed first).
 */
public final class MountJobHost {
    public static void main(String[] args) throws Exception {
        Path job = Files.createTempDirectory("job-");
        Files.createDirectory(job.resolve("mnt"));
        Files.write(job.resolve("result.txt"), "the job's own output".getBytes(StandardCharsets.UTF_8));
        Files.write(Files.createDirectory(job.resolve("work")).resolve("part.txt"), "scratch".getBytes(StandardCharsets.UTF_8));
        System.out.println("DIR " + job);
        HostIo.readyThenWait("READY");
        System.out.println("done");
    }

    private MountJobHost() {
    }
}
