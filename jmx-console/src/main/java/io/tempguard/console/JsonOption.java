package io.tempguard.console;

import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The shared {@code --json} option: the command writes one JSON document (one line; {@code watch}:
 * one per refresh) to stdout instead of text, and keeps diagnostics on stderr.
 */
final class JsonOption {
    @Option(names = "--json", description = "Write one JSON document to stdout (shapes: see the README); "
            + "errors still go to stderr.")
    boolean enabled;

    boolean enabled() {
        return enabled;
    }

    /** Writes a finished document as one line and flushes it. */
    static void print(PrintWriter out, Json document) {
        out.println(document.toString());
        out.flush();
    }
}
