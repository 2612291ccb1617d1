package io.tempguard.bench.cost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A host for the agent: creates {@code count} temp files in {@code dir} with
 * {@code Files.createTempFile} (so the agent tracks each one), says "ready", then either returns
 * from main (the JVM exits and the agent's shutdown cleanup runs) or waits to be SIGKILLed. Uses
 * the JDK only: it runs with nothing but itself on the class path, tempguard coming from -javaagent.
 * Arguments: {@code <dir> <count> exit|wait}.
 */
public final class HoldFilesChild {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) Files.createTempFile(dir, "f", ".tmp");
        System.out.println("ready " + count);
        System.out.flush();
        if (args[2].equals("wait")) Thread.sleep(Long.MAX_VALUE);
    }

    private HoldFilesChild() {
    }
}
