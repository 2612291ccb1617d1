package io.tempguard.console;

import io.tempguard.TempFileManager;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: tempguard's version, and the Java runtime the console runs on. */
final class Versions implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "tempguard-console " + TempFileManager.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.home") + ")"
        };
    }
}
