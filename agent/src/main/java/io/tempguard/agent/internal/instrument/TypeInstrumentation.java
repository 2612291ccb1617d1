package io.tempguard.agent.internal.instrument;

import io.tempguard.agent.internal.BridgeContract;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Map<String, List<String[]>> redirects = new LinkedHashMap<>();
    /** Hooked method to the hooked method of this class that, when its body calls it, reports for it. */
    private final Map<String, String> coveredBy = new LinkedHashMap<>();

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
     * Leaves the hooks of {@code name descriptor} out where its body calls {@code innerName
     * innerDescriptor} of this same class, itself hooked alike: the inner hook reports the call.
     * On JDK 25 {@code newByteChannel} opens through {@code newFileChannel} (on 17 both open on
     * their own); hooking both there would report one creation twice and stat twice before it.
     */
    TypeInstrumentation unlessItCalls(String name, String descriptor, String innerName, String innerDescriptor) {
        coveredBy.put(name + descriptor, innerName + innerDescriptor);
        return this;
    }

    /**
     * Inside {@code method}, surrounds each static call of {@code owner.name descriptor} (whose last
     * two arguments are references, the first of them the path, and which returns the path) with
     * {@code bridge.created(path, beginEvent)} before it and {@code bridge.created(result, endEvent)}
     * after its normal return. Inline, straight-line code: no frame of tempguard's appears in a
     * stack trace the call throws, and the frames stay valid.
     */
    TypeInstrumentation aroundCall(String method, String owner, String name, String descriptor, int beginEvent,
                                   int endEvent) {
        redirectsOf(method).add(new String[] {owner, name, descriptor, null, Integer.toString(beginEvent),
                Integer.toString(endEvent)});
        return this;
    }

    /**
     * Inside {@code method}, replaces static calls to {@code owner.name descriptor} with the bridge
     * method {@code bridgeMethod} of the same descriptor.
     */
    TypeInstrumentation redirect(String method, String owner, String name, String descriptor, String bridgeMethod) {
        redirectsOf(method).add(new String[] {owner, name, descriptor, bridgeMethod});
        return this;
    }

    // Not computeIfAbsent with a lambda: these run in premain, where linking a lambda costs milliseconds.
    private List<String[]> redirectsOf(String method) {
        List<String[]> list = redirects.get(method);
        if (list == null) {
            list = new ArrayList<>();
            redirects.put(method, list);
        }
        return list;
    }

    public String internalName() {
        return internalName;
    }

    /** Every hook this instrumentation knows, as {@code name+descriptor} or {@code name->target}. */
    public Set<String> hooks() {
        Set<String> all = new HashSet<>(exitCalls.keySet());
        for (String key : entryCalls.keySet()) all.add(key + ENTRY);
        for (Map.Entry<String, List<String[]>> r : redirects.entrySet()) {
            for (String[] target : r.getValue()) all.add(r.getKey() + "->" + target[1]);
        }
        return all;
    }

    /** The rewritten class; {@code applied} receives the hooks that found their method. */
    public byte[] transform(byte[] original, Set<String> applied) {
        ClassReader reader = new ClassReader(original);
        Set<String> unsafe = new HashSet<>();
        Set<String> delegating = new HashSet<>();
        inspectHookedMethods(reader, unsafe, delegating);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                String key = name + descriptor;
                BridgeCall call = exitCalls.get(key);
                if (call != null && delegating.contains(key)) {
                    applied.add(key); // reported by the hooks of the method it calls
                    if (entryCalls.containsKey(key)) applied.add(key + ENTRY);
                    return mv;
                }
                if (call != null && !unsafe.contains(key)) {
                    applied.add(key);
                    // An entry call only with its exit call: alone it would report a creation never confirmed.
                    BridgeCall entry = entryCalls.get(key);
                    if (entry != null) applied.add(key + ENTRY);
                    return new ExitCallVisitor(mv, entry, call);
                }
                List<String[]> redirect = redirects.get(name);
                if (redirect != null) return new RedirectVisitor(mv, redirect, applied, name);
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * One pass over the hooked methods' bodies. {@code unsafe}: methods whose hook reads a parameter
     * slot that the body also writes (at the return the slot might no longer hold the argument, so
     * such a method is left alone rather than misreported). {@code delegating}: methods that call
     * the method {@link #unlessItCalls} names for them.
     */
    private void inspectHookedMethods(ClassReader reader, Set<String> unsafe, Set<String> delegating) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                String key = name + descriptor;
                BridgeCall call = exitCalls.get(key);
                if (call == null) return null;
                String inner = coveredBy.get(key);
                if (call.parameterSlots().length == 0 && inner == null) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitVarInsn(int opcode, int slot) {
                        if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                            for (int p : call.parameterSlots()) if (p == slot) unsafe.add(key);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String calledName, String calledDescriptor,
                                                boolean isInterface) {
                        if (inner != null && owner.equals(internalName) && inner.equals(calledName + calledDescriptor)
                                && exitCalls.containsKey(inner)) {
                            delegating.add(key);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
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

    /** Replaces static calls with the bridge methods of the same descriptor. */
    private static final class RedirectVisitor extends MethodVisitor {
        private final List<String[]> redirects;
        private final Set<String> applied;
        private final String method;

        RedirectVisitor(MethodVisitor mv, List<String[]> redirects, Set<String> applied, String method) {
            super(Opcodes.ASM9, mv);
            this.redirects = redirects;
            this.applied = applied;
            this.method = method;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC) {
                for (String[] r : redirects) {
                    if (owner.equals(r[0]) && name.equals(r[1]) && descriptor.equals(r[2])) {
                        applied.add(method + "->" + name);
                        if (r[3] != null) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeContract.INTERNAL_NAME, r[3], descriptor, false);
                            return;
                        }
                        // [.., path, attrs] -> [.., path, attrs, path]: the begin event gets the path
                        super.visitInsn(Opcodes.SWAP);
                        super.visitInsn(Opcodes.DUP_X1);
                        event(Integer.parseInt(r[4]));
                        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                        super.visitInsn(Opcodes.DUP); // the returned path, for the end event
                        event(Integer.parseInt(r[5]));
                        return;
                    }
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        private void event(int code) {
            super.visitIntInsn(Opcodes.BIPUSH, code);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeContract.INTERNAL_NAME, BridgeContract.CREATED,
                    BridgeContract.CREATED_DESCRIPTOR, false);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 2, maxLocals); // the duplicated path and the event code
        }
    }
}
