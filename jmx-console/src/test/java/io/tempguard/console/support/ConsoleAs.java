package io.tempguard.console.support;

import io.tempguard.console.Main;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.RunAs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The console run as a given user: in this JVM for {@link RunAs#CURRENT_USER} ({@link Console#run}),
 * as its own JVM through {@code setpriv} for {@link RunAs#UNPRIVILEGED}, so that the operator and the
 * JVMs they look after are the same unprivileged user, as in production.
 */
public final class ConsoleAs {
    private static List<Path> readableClasspath;

    public static Console.Result run(RunAs user, String... args) {
        if (user == RunAs.CURRENT_USER) return Console.run(args);
        try (ChildJvm console = start(user, args)) {
            int code = console.awaitExit();
            return new Console.Result(args, code, console.stdout(), console.stderr());
        }
    }

    /**
     * Starts the console as its own JVM as {@code user} (no hsperfdata of its own, small and quick)
     * without waiting for it: for a command that
     * streams until the JVM it watches goes away ({@code events}, {@code watch}). The caller closes it.
     */
    public static ChildJvm start(RunAs user, String... args) {
        try {
            return ChildJvm.builder(Main.class).runAs(user).onlyClasspath(readableClasspath())
                    .jvmArgs("-XX:-UsePerfData", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                    .workDir(readableClasspath().get(0).getParent()).args(args).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the console as " + user, e);
        }
    }

    /** As {@link Console#runUntilOk}, as {@code user}. */
    public static Console.Result runUntilOk(RunAs user, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Console.Result last;
        do {
            last = run(user, args);
            if (last.exitCode == 0) return last;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("did not succeed within 60 s; last run:\n" + last);
    }

    /**
     * The console's class path ({@link Console#classpath()}) copied once per test JVM where any user
     * can read it: the Maven repository and the build directory may not be.
     */
    public static synchronized List<Path> readableClasspath() {
        if (readableClasspath != null) return readableClasspath;
        try {
            Path shared = Files.createTempDirectory("tempguard-console-classpath-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(shared)));
            List<Path> copies = new ArrayList<>();
            int i = 0;
            for (Path source : Console.classpath()) {
                Path copy = shared.resolve((i++) + "-" + source.getFileName());
                copyTree(source, copy);
                copies.add(copy);
            }
            makeWorldReadable(shared);
            readableClasspath = List.copyOf(copies);
            return readableClasspath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the console's class path", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in /tmp, nothing worse
        }
    }

    private ConsoleAs() {
    }
}
