package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Started without the agent: creates temp file A, waits (the parent attaches the agent), creates B,
 * C and directory D, waits again (the parent checks and attaches once more), then exits normally.
 */
public final class AttachHost {
    public static void main(String[] args) throws Exception {
        Path a = Files.createTempFile("before-attach-", ".tmp");
        System.out.println("A " + a);
        HostIo.readyThenWait("READY-A");

        Path b = Files.createTempFile("after-attach-", ".tmp");
        File c = File.createTempFile("after-attach-", ".tmp");
        Path d = Files.createTempDirectory("after-attach-");
        Files.createFile(d.resolve("inside.txt"));
        System.out.println("B " + b);
        System.out.println("C " + c);
        System.out.println("D " + d);
        HostIo.readyThenWait("READY-B");

        Path e = Files.createTempFile("after-second-attach-", ".tmp");
        System.out.println("E " + e);
        HostIo.readyThenWait("READY-E");
    }

    private AttachHost() {
    }
}
