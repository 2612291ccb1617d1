package io.tempguard.e2e.hosts;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

/**
 * A host that bundles its own Byte Buddy, SLF4J and Logback (older than the agent's) and its own
 * logback.xml: it generates a class with its Byte Buddy, logs through SLF4J, and prints which
 * copies of the libraries it sees. Everything it prints is the same from run to run.
 */
public final class LibsHost {
    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(LibsHost.class);
        System.out.println("ILoggerFactory: " + LoggerFactory.getILoggerFactory().getClass().getName());
        System.out.println("net.bytebuddy.ByteBuddy from " + jarOf(ByteBuddy.class));
        System.out.println("org.slf4j.LoggerFactory from " + jarOf(LoggerFactory.class));
        System.out.println("ILoggerFactory from " + jarOf(LoggerFactory.getILoggerFactory().getClass()));
        for (String resource : new String[] {"net/bytebuddy/ByteBuddy.class", "org/slf4j/LoggerFactory.class",
                "org/slf4j/impl/StaticLoggerBinder.class", "ch/qos/logback/classic/LoggerContext.class",
                "logback.xml", "io/tempguard/TempFileManager.class"}) {
            List<URL> copies = Collections.list(LibsHost.class.getClassLoader().getResources(resource));
            System.out.println("copies of " + resource + ": " + copies.size());
        }
        System.out.println("tempguard core visible: " + visible("io.tempguard.TempFileManager"));
        System.out.println("agent's Byte Buddy visible: " + visible("io.tempguard.agent.shaded.bytebuddy.ByteBuddy"));

        Class<?> generated = new ByteBuddy()
                .subclass(Object.class)
                .name("io.tempguard.e2e.hosts.GeneratedByHost")
                .method(ElementMatchers.named("toString"))
                .intercept(FixedValue.value("made by the host's own Byte Buddy"))
                .make()
                .load(LibsHost.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        System.out.println(generated.getName() + ": " + generated.getDeclaredConstructor().newInstance());

        log.info("hello from the host's own logging");
        log.warn("a warning, {} placeholder", "with a");
        log.debug("debug is below the host's threshold and must not appear");
        Path temp = Files.createTempFile("libs-", ".tmp");
        log.info("temp file created: {}", Files.exists(temp));
        System.out.println("done");
    }

    private static String jarOf(Class<?> c) throws Exception {
        URL location = c.getProtectionDomain().getCodeSource().getLocation();
        return Paths.get(location.toURI()).getFileName().toString();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, LibsHost.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private LibsHost() {
    }
}
