package io.tempguard.agent.internal.instrument;

import io.tempguard.agent.internal.BridgeContract;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * What an instrumented method does just before it returns normally: push the values the bridge
 * method wants (the return value, parameters, a constant) and call it. Nothing is inserted on the
 * exceptional path, so an exception reaches the host untouched, and the return value is only
 * duplicated, never replaced.
 */
final class BridgeCall {
    private final boolean passResult;
    private final int[] parameterSlots;
    private final Integer constant;
    private final String method;
    private final String descriptor;

    private BridgeCall(boolean passResult, int[] parameterSlots, Integer constant, String method, String descriptor) {
        this.passResult = passResult;
        this.parameterSlots = parameterSlots;
        this.constant = constant;
        this.method = method;
        this.descriptor = descriptor;
    }

    /** {@code bridge.created(result, kind)}: a temp file or directory was created. */
    static BridgeCall created(int kind) {
        return new BridgeCall(true, new int[0], kind, BridgeContract.CREATED, BridgeContract.CREATED_DESCRIPTOR);
    }

    /** {@code bridge.deleted(param0)}: the path in parameter 0 no longer exists. */
    static BridgeCall deletedParameter() {
        return new BridgeCall(false, new int[] {0}, null, BridgeContract.DELETED_PATH,
                BridgeContract.DELETED_PATH_DESCRIPTOR);
    }

    /** {@code bridge.fileDeleted(result, this)}: File.delete returned result. */
    static BridgeCall fileDeleted() {
        return new BridgeCall(true, new int[] {0}, null, BridgeContract.FILE_DELETED,
                BridgeContract.FILE_DELETED_DESCRIPTOR);
    }

    /** {@code bridge.moved(param0, param1)}: Files.move returned. */
    static BridgeCall moved() {
        return new BridgeCall(false, new int[] {0, 1}, null, BridgeContract.MOVED, BridgeContract.MOVED_DESCRIPTOR);
    }

    /** {@code bridge.renamed(result, this, param1)}: File.renameTo returned result. */
    static BridgeCall renamed() {
        return new BridgeCall(true, new int[] {0, 1}, null, BridgeContract.RENAMED, BridgeContract.RENAMED_DESCRIPTOR);
    }

    /** The local variable slots the call reads; they must hold the original arguments at every return. */
    int[] parameterSlots() {
        return parameterSlots;
    }

    /** Operand stack slots the call needs on top of the method's own. */
    int extraStack() {
        return (passResult ? 1 : 0) + parameterSlots.length + (constant != null ? 1 : 0);
    }

    void emit(MethodVisitor mv) {
        if (passResult) mv.visitInsn(Opcodes.DUP);
        for (int slot : parameterSlots) mv.visitVarInsn(Opcodes.ALOAD, slot);
        if (constant != null) mv.visitLdcInsn(constant);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeContract.INTERNAL_NAME, method, descriptor, false);
    }

    @Override
    public String toString() {
        return BridgeContract.INTERNAL_NAME + '.' + method + descriptor;
    }
}
