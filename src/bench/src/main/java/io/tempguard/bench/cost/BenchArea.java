package io.tempguard.bench.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the deletion rows build their trees: a tmpfs mounted for the run when this process may
 * mount one (root, {@code mount -t tmpfs}), else {@code java.io.tmpdir}; {@link #where()} says which.
 * Also the helpers every deletion row shares: building a tree, timing {@code rm -rf}, starting a
 * fresh child JVM.
 */
final class BenchArea implements AutoCloseable {
    private final Path dir;
    private final boolean tmpfs;

    private BenchArea(Path dir, boolean tmpfs) {
        this.dir = dir;
        this.tmpfs = tmpfs;
    }

    static BenchArea open() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tempguard-cost");
        boolean mounted = false;
        if ("root".equals(System.getProperty("user.name"))) {
            mounted = run(List.of("mount", "-t", "tmpfs", "-o", "size=6g,mode=1777", "tempguard-cost", dir.toString())) == 0;
        }
        return new BenchArea(dir, mounted);
    }

    Path dir() {
        return dir;
    }

    /** "tmpfs" or "java.io.tmpdir (<fs type>)" plus the JDK. */
    String where() {
        return (tmpfs ? "tmpfs" : "java.io.tmpdir " + dir.getParent()) + ", JDK " + Runtime.version().feature();
    }

    /** A new empty directory in the area. */
    Path fresh(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name + "-" + System.nanoTime()));
    }

    /** {@code dirs} directories of {@code filesPerDir} empty files each under {@code parent} (or the files in {@code parent} if dirs is 0). */
    static void build(Path parent, int dirs, int filesPerDir) throws IOException {
        if (dirs == 0) {
            for (int f = 0; f < filesPerDir; f++) Files.createFile(parent.resolve("f" + f + ".tmp"));
            return;
        }
        for (int d = 0; d < dirs; d++) {
            Path sub = Files.createDirectory(parent.resolve("d" + d));
            for (int f = 0; f < filesPerDir; f++) Files.createFile(sub.resolve("f" + f + ".tmp"));
        }
    }

    /** Wall and CPU milliseconds of one run. */
    record Timing(double wallMs, double cpuMs) {
    }

    /**
     * Wall milliseconds of {@code rm -rf target}, and its CPU (user + system) as the shell that
     * waited for it reads it from its own /proc stat (children's times, fields 16 and 17, in ticks).
     */
    static Timing rmRf(Path target) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "rm -rf \"$1\" && cat /proc/$$/stat", "sh", target.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!done || p.exitValue() != 0 || Files.exists(target)) throw new IllegalStateException("rm -rf " + target + " failed: " + out);
        String[] fields = out.substring(out.lastIndexOf(')') + 2).split(" "); // after "pid (comm) ": field 3 first
        double ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return new Timing(ms, ticks * 10); // USER_HZ is 100 on Linux
    }

    static long countEntries(Path dir) throws IOException {
        long n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path ignored : s) n++;
        }
        return n;
    }

    /** The path of this JDK's java launcher. */
    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The agent jar: {@code -Dtempguard.agent.jar}, else agent/target/tempguard-agent.jar under the working directory. */
    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("tempguard.agent.jar", "agent/target/tempguard-agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no agent jar at " + jar + " (build it, or pass -Dtempguard.agent.jar)");
        return jar;
    }

    /** A directory holding only {@code type}'s class file: a class path with no tempguard on it. */
    Path classOnly(Class<?> type) throws IOException {
        Path cp = dir.resolve("cp-" + type.getSimpleName());
        String resource = type.getName().replace('.', '/') + ".class";
        Path file = cp.resolve(resource);
        if (Files.exists(file)) return cp;
        Files.createDirectories(file.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return cp;
    }

    /** Starts {@code java <args>} with its output merged, in {@code workDir}. */
    static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (tmpfs && run(List.of("umount", dir.toString())) != 0) run(List.of("umount", "-l", dir.toString()));
        if (!tmpfs) run(List.of("rm", "-rf", dir.toString()));
        else Files.deleteIfExists(dir);
    }
}
