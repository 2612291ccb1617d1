package io.tempguard.console.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tempguard.console.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the console in this JVM through {@link Main#run} and captures what it printed. */
public final class Console {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: exit code, stdout, stderr. */
    public static final class Result {
        public final String[] args;
        public final int exitCode;
        public final String out;
        public final String err;

        Result(String[] args, int exitCode, String out, String err) {
            this.args = args;
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        /** stdout as the one JSON document it must be. */
        public JsonNode json() {
            List<JsonNode> docs = jsonLines();
            if (docs.size() != 1) throw new AssertionError("expected one JSON document\n" + this);
            return docs.get(0);
        }

        /** Each stdout line parsed as one JSON document. */
        public List<JsonNode> jsonLines() {
            List<JsonNode> docs = new ArrayList<>();
            for (String line : lines()) {
                try {
                    docs.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line + "\n" + this, e);
                }
            }
            return docs;
        }

        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) if (!line.isEmpty()) lines.add(line);
            return lines;
        }

        /** stderr's lines. */
        public List<String> errLines() {
            List<String> lines = new ArrayList<>();
            for (String line : err.split("\n")) if (!line.isEmpty()) lines.add(line);
            return lines;
        }

        @Override
        public String toString() {
            return "tempguard-console " + String.join(" ", args) + "\nexit code " + exitCode + "\nstdout:\n" + out
                    + "\nstderr:\n" + err;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(args, code, out.toString(), err.toString());
    }

    /**
     * Runs the command until it exits 0 (the MBean registers on a background thread shortly after
     * the agent starts; a remote agent opens its port a moment after start).
     */
    public static Result runUntilOk(String... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Result last;
        do {
            last = run(args);
            if (last.exitCode == 0) return last;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("did not succeed within 60 s; last run:\n" + last);
    }

    /**
     * What the console needs on a class path to run as its own process (its classes, picocli, core,
     * SLF4J and its binding), as this test JVM loaded them: jars or class directories.
     */
    public static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        for (Class<?> type : List.of(Main.class, picocli.CommandLine.class, io.tempguard.TempFileManager.class,
                org.slf4j.LoggerFactory.class, org.slf4j.simple.SimpleLogger.class)) {
            try {
                entries.add(Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return entries;
    }

    private Console() {
    }
}
