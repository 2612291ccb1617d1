package io.tempguard.testkit;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The JDKs every scenario runs its child JVMs on: the JDK 17 running the tests, and the Temurin 25
 * JDK named by the system property {@code tempguard.test.jdk25.home} (skipped, visibly, where absent).
 */
public enum Jdk {
    JDK17 {
        @Override
        public Path home() {
            if ("17".equals(System.getProperty("java.specification.version"))) {
                return Paths.get(System.getProperty("java.home"));
            }
            return Paths.get("/usr/lib/jvm/java-17-openjdk-amd64");
        }
    },
    JDK25 {
        @Override
        public Path home() {
            return Paths.get(System.getProperty("tempguard.test.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        }
    };

    public abstract Path home();

    public Path java() {
        return home().resolve("bin").resolve("java");
    }

    /** Skips the calling test, with a message naming the missing JDK, unless this JDK is installed. */
    public Jdk require() {
        Assumptions.assumeTrue(Files.isExecutable(java()), () -> "SKIPPED: " + name() + " not found at " + home());
        return this;
    }

    /** The {@code java} of the JDK running the tests (core's tests run once on each JDK). */
    public static Path runningJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }
}
