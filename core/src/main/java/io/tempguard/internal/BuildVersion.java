package io.tempguard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** tempguard's version, read once from the build's {@code io/tempguard/tempguard.properties} on first use. */
public final class BuildVersion {
    /** The version, or "unknown" when the resource is missing or unreadable. */
    public static final String VERSION = load();

    private static String load() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/io/tempguard/tempguard.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private BuildVersion() {
    }
}
