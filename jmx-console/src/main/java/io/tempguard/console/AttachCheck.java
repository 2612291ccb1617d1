package io.tempguard.console;

/**
 * Whether the Attach API is there. Kept apart from {@link AttachApi}, whose own verification
 * already needs {@code com.sun.tools.attach}.
 */
final class AttachCheck {
    /** Fails, with one line saying what to do, unless module jdk.attach is in this runtime. */
    static void require() throws ConsoleException {
        if (!ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            throw ConsoleException.unreachable("the Attach API (module jdk.attach) is missing from the Java runtime at "
                    + System.getProperty("java.home") + ": run the console with the java of a JDK, not a JRE", null);
        }
    }

    private AttachCheck() {
    }
}
