package io.tempguard.console;

/**
 * A failure already explained in one line: what went wrong and what to try. The command base maps
 * it to its exit code and prints the message; the cause is shown only with {@code --verbose}.
 */
final class ConsoleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    ConsoleException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static ConsoleException failed(String message) {
        return new ConsoleException(ExitCode.FAILED, message, null);
    }

    static ConsoleException usage(String message) {
        return new ConsoleException(ExitCode.USAGE, message, null);
    }

    static ConsoleException unreachable(String message, Throwable cause) {
        return new ConsoleException(ExitCode.UNREACHABLE, message, cause);
    }

    static ConsoleException denied(String message, Throwable cause) {
        return new ConsoleException(ExitCode.DENIED, message, cause);
    }

    ExitCode exitCode() {
        return exitCode;
    }
}
