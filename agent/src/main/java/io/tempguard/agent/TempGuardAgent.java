package io.tempguard.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * The agent's entry point: {@code -javaagent:tempguard-agent.jar[=options]} ({@code premain}) or a
 * load through the Attach API ({@code agentmain}).
 *
 * <p>This class and {@link AgentJarClassLoader} are the only agent classes the host's class
 * loaders can see. Everything else (tempguard core, the instrumentation, Byte Buddy's ASM, the
 * logging) lives under {@code inst/} in the jar as {@code .classdata} entries that only the
 * isolated loader reads, so none of it can clash with the host's own libraries.
 *
 * <p>Rules here: do as little as possible, keep no state, log nothing (logging is configured on the
 * other side), and never let a Throwable reach the JVM: a broken agent must not stop the host.
 */
public final class TempGuardAgent {
    private static final String INSTALLER = "io.tempguard.agent.internal.Installer";

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, false);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation, true);
    }

    private static void start(String options, Instrumentation instrumentation, boolean attachedAtRuntime) {
        try {
            File jar = new File(TempGuardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            JarFile jarFile = new JarFile(jar, false);
            if (jarFile.getManifest() == null || jarFile.getManifest().getMainAttributes().getValue("Premain-Class") == null) {
                jarFile.close();
                System.err.println("tempguard: " + jar + " is not the tempguard agent jar (no Premain-Class); "
                        + "was the agent repackaged into another jar? agent not started");
                return;
            }
            ClassLoader loader = new AgentJarClassLoader(jar, jarFile);
            Class<?> installer = Class.forName(INSTALLER, true, loader);
            Method install = installer.getMethod("install", String.class, Instrumentation.class, boolean.class);
            install.invoke(null, options, instrumentation, attachedAtRuntime);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            System.err.println("tempguard: agent not started: " + cause);
        }
    }

    private TempGuardAgent() {
    }
}
