package io.tempguard.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo: runs {@link DemoPipeline} twice with the tempguard agent in a scratch directory and
 * narrates what happens.
 * <ol>
 *   <li>The pipeline runs its jobs and leaks; the console shows the tracked paths and stats.</li>
 *   <li>The pipeline exits normally: its temp directory is empty, its output files are intact.</li>
 *   <li>The pipeline runs again and is killed with SIGKILL: its leaks stay behind, until
 *       {@code tempguard-console sweep} finds its journal and removes them.</li>
 * </ol>
 * Run from the repository root after {@code mvn install -DskipTests}:
 * {@code java -jar src/demo/target/tempguard-demo.jar}.
 */
public final class DemoLauncher {
    private final Path repo;
    private final Path agentJar;
    private final Path consoleJar;
    private final Path scratch;
    private final Path tmp;
    private final Path journals;
    private final Path output;

    private DemoLauncher(Path repo) throws IOException {
        this.repo = repo;
        this.agentJar = repo.resolve("agent/target/tempguard-agent.jar");
        this.consoleJar = repo.resolve("jmx-console/target/tempguard-console.jar");
        for (Path jar : Arrays.asList(agentJar, consoleJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run 'mvn -B install -DskipTests' in " + repo + " first");
            }
        }
        this.scratch = Files.createTempDirectory("tempguard-demo-");
        this.tmp = Files.createDirectory(scratch.resolve("tmp"));
        this.journals = scratch.resolve("journals");
        this.output = scratch.resolve("output");
    }

    public static void main(String[] args) throws Exception {
        Path repo = args.length > 0 ? Paths.get(args[0]) : locateRepository();
        new DemoLauncher(repo.toAbsolutePath().normalize()).run();
    }

    private void run() throws Exception {
        say("tempguard demo in " + scratch + " (the pipeline's java.io.tmpdir is " + tmp + ")");

        say("1. Run the pipeline with the agent: 3 jobs, each leaking a work directory and two spill files");
        Process pipeline = startPipeline(3);
        long pid = awaitReady(pipeline);
        showTmp("what the pipeline left in its temp directory while still running");
        console("ls", String.valueOf(pid), "--limit", "8");
        console("stats", String.valueOf(pid), "--measure");
        console("cleanup", String.valueOf(pid), "--dry-run");

        say("2. Let the pipeline exit normally: the agent's shutdown hook deletes what it tracked");
        exitNormally(pipeline);
        showTmp("temp directory after a normal exit");
        say("the output the pipeline moved into place is untouched: " + list(output));

        say("3. Run it again and kill it with SIGKILL: no shutdown hook runs");
        Process second = startPipeline(2);
        long secondPid = awaitReady(second);
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        say("killed pid " + secondPid);
        showTmp("temp directory after kill -9");
        console("sweep", "--journal-dir", journals.toString());
        showTmp("temp directory after the sweep");

        deleteTree(scratch);
        say("done (scratch directory removed)");
    }

    private Process startPipeline(int jobs) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(javaBin(),
                "-javaagent:" + agentJar + "=journalDir=" + journals,
                "-Djava.io.tmpdir=" + tmp,
                "-cp", ownJar(), DemoPipeline.class.getName(), output.toString(), String.valueOf(jobs)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long awaitReady(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            System.out.println("  " + line);
            if (line.startsWith("READY")) {
                // Keep echoing the pipeline's output in the background.
                Thread echo = new Thread(() -> echo(out), "pipeline-echo");
                echo.setDaemon(true);
                echo.start();
                return p.pid();
            }
        }
        throw new IllegalStateException("the pipeline ended before it was ready (exit " + exitOf(p) + ")");
    }

    private static void echo(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) System.out.println("  " + line);
        } catch (IOException killed) {
            // the pipeline was killed: nothing more to echo
        }
    }

    private static void exitNormally(Process p) throws Exception {
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("exit\n");
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the pipeline did not exit");
    }

    /** Runs the console jar, its output going straight to ours; a failure ends the demo (non-zero exit). */
    private void console(String... args) throws Exception {
        List<String> command = new ArrayList<>(Arrays.asList(javaBin(), "-jar", consoleJar.toString()));
        command.addAll(Arrays.asList(args));
        System.out.println("\n$ tempguard-console " + String.join(" ", args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the console did not finish");
        }
        // A demo that goes on after a failed step would show a story that did not happen.
        if (p.exitValue() != 0) {
            throw new IllegalStateException("tempguard-console " + String.join(" ", args) + " exited " + p.exitValue());
        }
        System.out.println();
    }

    private void showTmp(String title) throws IOException {
        say(title + ":");
        List<String> entries = list(tmp);
        if (entries.isEmpty()) System.out.println("  (empty)");
        entries.forEach(e -> System.out.println("  " + e));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().collect(Collectors.toList());
        }
    }

    private static void say(String line) {
        System.out.println("\n== " + line);
    }

    private String ownJar() {
        try {
            return Paths.get(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }

    private static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The repository root: three levels above src/demo/target/tempguard-demo.jar, or the working directory. */
    private static Path locateRepository() {
        try {
            Path jar = Paths.get(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().getParent().getParent();
            if (Files.isDirectory(candidate.resolve("agent"))) return candidate;
        } catch (Exception ignored) {
            // fall back to the working directory
        }
        return Paths.get("").toAbsolutePath();
    }

    private static String exitOf(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                new File(p.toString()).delete();
            }
        }
    }
}
