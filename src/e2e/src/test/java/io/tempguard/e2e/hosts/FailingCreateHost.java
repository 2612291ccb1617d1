package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Calls the creation methods in ways that fail, catches each failure and prints its class and
 * message: the agent must not change a single character of it.
 *
 * <p>Argument: a directory that does not exist.
 */
public final class FailingCreateHost {
    interface Call {
        Object run() throws Exception;
    }

    public static void main(String[] args) {
        Path missing = Paths.get(args[0]);
        attempt("Files.createTempFile(missing)", () -> Files.createTempFile(missing, "abc", ".tmp"));
        attempt("Files.createTempDirectory(missing)", () -> Files.createTempDirectory(missing, "abc"));
        attempt("File.createTempFile(missing)", () -> File.createTempFile("abc", null, missing.toFile()));
        attempt("File.createTempFile(short prefix)", () -> File.createTempFile("ab", null));
        attempt("Files.createTempFile(bad prefix)", () -> Files.createTempFile("a/b", ".tmp"));
        attempt("Files.delete(missing)", () -> {
            Files.delete(missing);
            return null;
        });
        attempt("Files.move(missing)", () -> Files.move(missing, missing.resolveSibling("elsewhere")));
        System.out.println("done");
    }

    private static void attempt(String what, Call call) {
        try {
            Object result = call.run();
            System.out.println(what + " -> no exception: " + result);
        } catch (Exception e) {
            // The JDK puts random digits into the names it tries; they are the only thing masked.
            String message = String.valueOf(e.getMessage()).replaceAll("abc\\d+", "abc<random>");
            System.out.println(what + " -> " + e.getClass().getName() + ": " + message
                    + " (cause " + e.getCause() + ", suppressed " + e.getSuppressed().length + ")");
            // Where it was thrown, down to the host's own frame: the agent must add or change no frame.
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().startsWith(FailingCreateHost.class.getName())) break;
                System.out.println("    at " + frame);
            }
        }
    }

    private FailingCreateHost() {
    }
}
