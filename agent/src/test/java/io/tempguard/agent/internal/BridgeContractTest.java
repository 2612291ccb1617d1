package io.tempguard.agent.internal;

import io.tempguard.agent.internal.instrument.JdkInstrumentations;
import io.tempguard.agent.internal.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge, the agent and the instrumentation agree (issue 10 item 2): the COMPILED
 * {@code java.io.TempGuardBridge} (built into target/bridge-classes before the tests run) is read
 * with Byte Buddy's ASM and compared with {@link BridgeContract}; then the real JDK's
 * {@code Files} and {@code File} are rewritten as the agent rewrites them, and every bridge call
 * the rewritten bytecode makes must exist in the bridge with that descriptor.
 */
class BridgeContractTest {
    private static final Path BRIDGE_CLASS = Path.of(System.getProperty("basedir", "."))
            .resolve("target/bridge-classes/" + BridgeContract.INTERNAL_NAME + ".class");

    private static BridgeShape bridge;

    @BeforeAll
    static void readCompiledBridge() throws IOException {
        assertTrue(Files.isRegularFile(BRIDGE_CLASS), "the compiled bridge is missing: " + BRIDGE_CLASS
                + " (the agent's compile-bridge step runs in process-classes)");
        bridge = BridgeShape.of(Files.readAllBytes(BRIDGE_CLASS));
    }

    @Test
    void theBridgeIsTheClassTheContractNames() {
        assertEquals(BridgeContract.INTERNAL_NAME, bridge.name);
        assertEquals(BridgeContract.CLASS_NAME, bridge.name.replace('/', '.'));
    }

    @Test
    void everyPublicFieldOfTheBridgeIsInTheContractWithItsTypeAndNothingElse() {
        assertEquals(new TreeMap<>(BridgeContract.fields()), new TreeMap<>(bridge.publicStaticFields),
                "public static fields of the bridge (name -> descriptor) vs BridgeContract.fields()");
        assertEquals(Set.of(), bridge.publicInstanceMembers, "the bridge has instance members");
    }

    @Test
    void theEventCodesAreTheBridgesConstantValues() {
        for (Map.Entry<String, Integer> code : BridgeContract.eventCodes().entrySet()) {
            assertTrue(bridge.finalFields.contains(code.getKey()), code.getKey() + " must be static final in the bridge");
            assertEquals(code.getValue(), bridge.constants.get(code.getKey()), "value of " + code.getKey());
        }
        assertEquals(BridgeContract.eventCodes().size(), new HashSet<>(BridgeContract.eventCodes().values()).size(),
                "event codes must be distinct");
    }

    @Test
    void theHooksAreVolatileAndTheFaultCounterIsFinal() {
        for (String hook : new String[] {BridgeContract.EVENTS, BridgeContract.MOVES, BridgeContract.DELETE_ON_EXIT_REQUESTS,
                BridgeContract.INSTALLED_BY}) {
            assertTrue(bridge.volatileFields.contains(hook), hook + " is set by the agent on one thread and read "
                    + "on the host's: it must be volatile");
        }
        assertTrue(bridge.finalFields.contains(BridgeContract.ESCAPED_FAILURES),
                "the agent reads the counter object once: it must be final");
    }

    @Test
    void everyPublicMethodOfTheBridgeIsInTheContractWithItsDescriptorAndNothingElse() {
        assertEquals(new TreeMap<>(BridgeContract.methods()), new TreeMap<>(bridge.publicStaticMethods),
                "public static methods of the bridge (name -> descriptor) vs BridgeContract.methods()");
    }

    @Test
    void everyBridgeCallTheInstrumentationEmitsExistsInTheBridge() throws IOException {
        Set<String> emitted = new TreeSet<>();
        for (TypeInstrumentation i : JdkInstrumentations.all()) emitted.addAll(bridgeCallsIn(i, i.internalName()));
        assertFalse(emitted.isEmpty(), "the rewritten JDK classes call the bridge");

        Set<String> existing = new TreeSet<>();
        for (Map.Entry<String, String> m : bridge.publicStaticMethods.entrySet()) existing.add(m.getKey() + m.getValue());
        Set<String> missing = new TreeSet<>(emitted);
        missing.removeAll(existing);
        assertEquals(Set.of(), missing, "bridge calls the instrumentation emits that the compiled bridge lacks");

        Set<String> contract = new TreeSet<>();
        for (Map.Entry<String, String> m : BridgeContract.methods().entrySet()) contract.add(m.getKey() + m.getValue());
        assertEquals(contract, emitted, "every method of the contract is called by some instrumented JDK method");
    }

    @Test
    void everyCaptureHookFindsItsMethodInThisJdk() throws IOException {
        for (TypeInstrumentation i : List.of(JdkInstrumentations.fileOutputStream(), JdkInstrumentations.randomAccessFile(),
                JdkInstrumentations.unixFileSystemProvider())) {
            byte[] original;
            try (InputStream in = ClassLoader.getSystemResourceAsStream(i.internalName() + ".class")) {
                assertTrue(in != null, i.internalName() + " class bytes");
                original = in.readAllBytes();
            }
            Set<String> applied = new HashSet<>();
            i.transform(original, applied);
            assertEquals(new TreeSet<>(i.hooks()), new TreeSet<>(applied), "hooks of " + i.internalName() + " applied");
        }
    }

    /** Rewrites this JDK's class as the agent does and collects the bridge methods the result calls. */
    private static Set<String> bridgeCallsIn(TypeInstrumentation instrumentation, String jdkClass) throws IOException {
        byte[] original;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(jdkClass + ".class")) {
            assertTrue(in != null, jdkClass + " class bytes");
            original = in.readAllBytes();
        }
        Set<String> applied = new HashSet<>();
        byte[] rewritten = instrumentation.transform(original, applied);
        assertFalse(applied.isEmpty(), "some hooks of " + jdkClass + " found their method");
        Set<String> calls = new TreeSet<>();
        new ClassReader(rewritten).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor,
                                                boolean isInterface) {
                        if (owner.equals(BridgeContract.INTERNAL_NAME)) {
                            assertEquals(Opcodes.INVOKESTATIC, opcode, "bridge calls are static: " + called);
                            calls.add(called + calledDescriptor);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return calls;
    }

    /** What the compiled bridge declares, as its class file says. */
    private static final class BridgeShape {
        String name;
        final Map<String, String> publicStaticFields = new LinkedHashMap<>();
        final Map<String, String> publicStaticMethods = new LinkedHashMap<>();
        final Set<String> publicInstanceMembers = new TreeSet<>();
        final Set<String> volatileFields = new HashSet<>();
        final Set<String> finalFields = new HashSet<>();
        final Map<String, Object> constants = new LinkedHashMap<>();

        static BridgeShape of(byte[] classFile) {
            BridgeShape shape = new BridgeShape();
            new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    shape.name = name;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    if ((access & Opcodes.ACC_PUBLIC) == 0) return null;
                    if ((access & Opcodes.ACC_STATIC) == 0) {
                        shape.publicInstanceMembers.add(name);
                        return null;
                    }
                    shape.publicStaticFields.put(name, descriptor);
                    if ((access & Opcodes.ACC_VOLATILE) != 0) shape.volatileFields.add(name);
                    if ((access & Opcodes.ACC_FINAL) != 0) shape.finalFields.add(name);
                    if (value != null) shape.constants.put(name, value);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if ((access & Opcodes.ACC_PUBLIC) == 0 || name.startsWith("<")) return null;
                    if ((access & Opcodes.ACC_STATIC) == 0) {
                        shape.publicInstanceMembers.add(name + descriptor);
                        return null;
                    }
                    String before = shape.publicStaticMethods.put(name, descriptor);
                    if (before != null) throw new AssertionError("the bridge overloads " + name + ": the contract "
                            + "names methods by name alone");
                    return null;
                }
            }, ClassReader.SKIP_CODE);
            return shape;
        }
    }
}
