package io.tempguard.agent.internal.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Rewrites the few bootstrap classes of {@link JdkInstrumentations#all()}, and nothing else: the
 * check that rejects every other class is a handful of comparisons. It stays registered so that
 * a later retransformation by another agent keeps tempguard's hooks.
 */
public final class JdkTransformer implements ClassFileTransformer {
    private final TypeInstrumentation[] instrumentations = JdkInstrumentations.all();
    private final Map<String, Set<String>> applied = new ConcurrentHashMap<>();
    private final BiConsumer<String, Throwable> onError;

    public JdkTransformer(BiConsumer<String, Throwable> onError) {
        this.onError = onError;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null) return null;
        TypeInstrumentation instrumentation = find(className);
        if (instrumentation == null) return null;
        try {
            Set<String> hooks = ConcurrentHashMap.newKeySet();
            byte[] rewritten = instrumentation.transform(classfileBuffer, hooks);
            applied.put(className, hooks);
            return rewritten;
        } catch (Throwable t) {
            onError.accept("instrumenting " + className.replace('/', '.'), t);
            return null; // leave the class as it was
        }
    }

    /** The internal names of the classes this transformer rewrites. */
    public String[] classNames() {
        String[] names = new String[instrumentations.length];
        for (int i = 0; i < names.length; i++) names[i] = instrumentations[i].internalName();
        return names;
    }

    /** Hooks of {@code className} that found no method in this JDK (empty once all applied). */
    public Set<String> missingHooks(String className) {
        TypeInstrumentation instrumentation = find(className);
        if (instrumentation == null) return Collections.emptySet();
        Set<String> missing = new java.util.TreeSet<>(instrumentation.hooks());
        missing.removeAll(applied.getOrDefault(className, Collections.emptySet()));
        return missing;
    }

    private TypeInstrumentation find(String className) {
        for (TypeInstrumentation i : instrumentations) if (i.internalName().equals(className)) return i;
        return null;
    }
}
