package io.tempguard.agent.internal.instrument;

import io.tempguard.agent.internal.BridgeContract;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one JDK class: each listed method (by name and descriptor) calls the bridge before it
 * returns normally, and listed call sites are redirected to the bridge.
 *
 * <p>Why plain ASM (Byte Buddy's bundled copy) and not Byte Buddy's Advice: the rewrite is a handful
 * of instructions, and Advice's type-description machinery loads about a thousand classes and adds
 * roughly 250 ms to the host's start (measured on JDK 17 and 25). Inserting straight-line code
 * before return instructions adds no branches, so stack map frames stay valid as they are.
 */
public final class TypeInstrumentation {
    private final String internalName;
    private final Map<String, BridgeCall> exitCalls = new LinkedHashMap<>();
    private final Map<String, BridgeCall> entryCalls = new LinkedHashMap<>();
    private final Map<String, String[]> redirects = new LinkedHashMap<>();

    TypeInstrumentation(String internalName) {
        this.internalName = internalName;
    }

    /** Calls {@code call} before every normal return of {@code name descriptor}. */
    TypeInstrumentation onExit(String name, String descriptor, BridgeCall call) {
        exitCalls.put(name + descriptor, call);
        return this;
    }

    /**
     * Calls {@code call} first thing in {@code name descriptor} (the arguments are untouched there).
     * Used with an exit call on the same method: a call that may create learns what was there before.
     */
    TypeInstrumentation onEntry(String name, String descriptor, BridgeCall call) {
        entryCalls.put(name + descriptor, call);
        return this;
    }

    /**
     * Inside {@code method}, replaces static calls to {@code owner.name descriptor} with the bridge
     * method {@code bridgeMethod} of the same descriptor.
     */
    TypeInstrumentation redirect(String method, String owner, String name, String descriptor, String bridgeMethod) {
        redirects.put(method, new String[] {owner, name, descriptor, bridgeMethod});
        return this;
    }

    public String internalName() {
        return internalName;
    }

    /** Every hook this instrumentation knows, as {@code name+descriptor} or {@code name->target}. */
    public Set<String> hooks() {
        Set<String> all = new HashSet<>(exitCalls.keySet());
        for (String key : entryCalls.keySet()) all.add(key + ENTRY);
        for (Map.Entry<String, String[]> r : redirects.entrySet()) all.add(r.getKey() + "->" + r.getValue()[1]);
        return all;
    }

    /** The rewritten class; {@code applied} receives the hooks that found their method. */
    public byte[] transform(byte[] original, Set<String> applied) {
        ClassReader reader = new ClassReader(original);
        Set<String> unsafe = methodsReassigningParameters(reader);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                String key = name + descriptor;
                BridgeCall call = exitCalls.get(key);
                if (call != null && !unsafe.contains(key)) {
                    applied.add(key);
                    // An entry call only with its exit call: alone it would report a creation never confirmed.
                    BridgeCall entry = entryCalls.get(key);
                    if (entry != null) applied.add(key + ENTRY);
                    return new ExitCallVisitor(mv, entry, call);
                }
                String[] redirect = redirects.get(name);
                if (redirect != null) return new RedirectVisitor(mv, redirect, applied, name);
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * Methods whose hook reads a parameter slot that the method body also writes: at the return the
     * slot might no longer hold the argument, so such a method is left alone rather than misreported.
     */
    private Set<String> methodsReassigningParameters(ClassReader reader) {
        Set<String> unsafe = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String key = name + descriptor;
                BridgeCall call = exitCalls.get(key);
                if (call == null || call.parameterSlots().length == 0) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitVarInsn(int opcode, int slot) {
                        if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                            for (int p : call.parameterSlots()) if (p == slot) unsafe.add(key);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return unsafe.isEmpty() ? Collections.emptySet() : unsafe;
    }

    /** Suffix of an entry hook's name in {@link #hooks()}. */
    private static final String ENTRY = "@entry";

    /**
     * Inserts the entry call (if any) at the start and the exit call before each return
     * instruction: straight-line code that adds no local variable, so the frames stay valid.
     */
    private static final class ExitCallVisitor extends MethodVisitor {
        private final BridgeCall entry;
        private final BridgeCall call;

        ExitCallVisitor(MethodVisitor mv, BridgeCall entry, BridgeCall call) {
            super(Opcodes.ASM9, mv);
            this.entry = entry;
            this.call = call;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (entry != null) entry.emit(mv);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) call.emit(mv);
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            int extra = Math.max(call.extraStack(), entry == null ? 0 : entry.extraStack());
            super.visitMaxs(maxStack + extra, maxLocals);
        }
    }

    /** Replaces one static call with the bridge method of the same descriptor. */
    private static final class RedirectVisitor extends MethodVisitor {
        private final String[] redirect;
        private final Set<String> applied;
        private final String method;

        RedirectVisitor(MethodVisitor mv, String[] redirect, Set<String> applied, String method) {
            super(Opcodes.ASM9, mv);
            this.redirect = redirect;
            this.applied = applied;
            this.method = method;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(redirect[0]) && name.equals(redirect[1])
                    && descriptor.equals(redirect[2])) {
                applied.add(method + "->" + name);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeContract.INTERNAL_NAME, redirect[3], descriptor, false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
