package io.tempguard.console;

/** The console's exit codes; documented in the module README. */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** The command ran but did not fully succeed (cleanup or sweep failures, an agent that did not start). */
    FAILED(1),
    /** Bad arguments: unknown option, bad value, malformed target. */
    USAGE(2),
    /** The target cannot be reached, or tempguard is not loaded there. */
    UNREACHABLE(3),
    /** Authentication failed or the operating system refused access. */
    DENIED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
