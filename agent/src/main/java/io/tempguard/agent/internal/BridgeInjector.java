package io.tempguard.agent.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Collections;

/**
 * Puts {@code java.io.TempGuardBridge} into java.base so that instrumented JDK methods can call it.
 *
 * <p>Appending a jar to the boot class path would do the same but makes HotSpot print "Sharing is
 * only supported for boot loader classes because bootstrap classpath has been appended" and stops
 * the host's own classes loading from the CDS archive. Instead the agent opens {@code java.io} to
 * its own (isolated) module only, and defines the bridge through a private lookup on
 * {@code java.io.File}: silent on JDK 11 to 25, no Unsafe, nothing visible to the host.
 */
final class BridgeInjector {
    /** The bridge class, defining it on first use; later loads of the agent find the existing one. */
    static Class<?> findOrDefine(Instrumentation instrumentation) throws IOException, ReflectiveOperationException {
        // Agent loads never overlap (premain runs once, the Attach API serialises agentmain), so
        // check-then-define is enough; a LinkageError would only mean another copy won.
        Class<?> existing = find();
        if (existing != null) return existing;
        Module self = BridgeInjector.class.getModule();
        Module base = File.class.getModule();
        instrumentation.redefineModule(base, Collections.emptySet(), Collections.emptyMap(),
                Collections.singletonMap("java.io", Collections.singleton(self)),
                Collections.emptySet(), Collections.emptyMap());
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(File.class, MethodHandles.lookup());
        try {
            return lookup.defineClass(bridgeBytes());
        } catch (LinkageError alreadyDefined) {
            existing = find();
            if (existing != null) return existing;
            throw alreadyDefined;
        }
    }

    static Class<?> find() {
        try {
            return Class.forName(BridgeContract.CLASS_NAME, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static byte[] bridgeBytes() throws IOException {
        String name = BridgeContract.INTERNAL_NAME + ".classdata";
        try (InputStream in = BridgeInjector.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("the agent jar lacks " + name);
            return in.readAllBytes();
        }
    }

    private BridgeInjector() {
    }
}
