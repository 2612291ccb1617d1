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
    /** The load instruction for each parameter slot (ALOAD unless an int is passed). */
    private final int[] loads;
    private final Integer constant;
    private final String method;
    private final String descriptor;

    private BridgeCall(boolean passResult, int[] parameterSlots, Integer constant, String method, String descriptor) {
        this(passResult, parameterSlots, allReferences(parameterSlots.length), constant, method, descriptor);
    }

    private BridgeCall(boolean passResult, int[] parameterSlots, int[] loads, Integer constant, String method,
                       String descriptor) {
        this.passResult = passResult;
        this.parameterSlots = parameterSlots;
        this.loads = loads;
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

    // ---- capture: creations through the other creation APIs

    /** {@code bridge.createdBy(result, this, event)}: File.mkdir/createNewFile returned result. */
    static BridgeCall createdBy(int event) {
        return new BridgeCall(true, new int[] {0}, event, BridgeContract.CREATED_BY, BridgeContract.CREATED_BY_DESCRIPTOR);
    }

    /** {@code bridge.created(param, event)}: a void method that only returns by creating its parameter. */
    static BridgeCall createdParameter(int slot, int event) {
        return new BridgeCall(false, new int[] {slot}, event, BridgeContract.CREATED, BridgeContract.CREATED_DESCRIPTOR);
    }

    /** At entry, {@code bridge.mayCreate(param)}. */
    static BridgeCall mayCreate(int slot) {
        return new BridgeCall(false, new int[] {slot}, null, BridgeContract.MAY_CREATE,
                BridgeContract.MAY_CREATE_DESCRIPTOR);
    }

    /** At exit, {@code bridge.mayHaveCreated(param, event)}. */
    static BridgeCall mayHaveCreated(int slot, int event) {
        return new BridgeCall(false, new int[] {slot}, event, BridgeContract.MAY_HAVE_CREATED,
                BridgeContract.MAY_HAVE_CREATED_DESCRIPTOR);
    }

    /** {@code bridge.randomAccessOpening/Opened(name, mode)} of RandomAccessFile.open(String name, int mode). */
    static BridgeCall randomAccess(boolean entry) {
        return new BridgeCall(false, new int[] {1, 2}, new int[] {Opcodes.ALOAD, Opcodes.ILOAD}, null,
                entry ? BridgeContract.RANDOM_ACCESS_OPENING : BridgeContract.RANDOM_ACCESS_OPENED,
                BridgeContract.RANDOM_ACCESS_DESCRIPTOR);
    }

    /** {@code bridge.channelOpening/Opened(path, options)} of a provider's newByteChannel/newFileChannel(path, options, attrs). */
    static BridgeCall channel(boolean entry) {
        return new BridgeCall(false, new int[] {1, 2}, null,
                entry ? BridgeContract.CHANNEL_OPENING : BridgeContract.CHANNEL_OPENED, BridgeContract.CHANNEL_DESCRIPTOR);
    }

    private static int[] allReferences(int n) {
        int[] loads = new int[n];
        java.util.Arrays.fill(loads, Opcodes.ALOAD);
        return loads;
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
        for (int i = 0; i < parameterSlots.length; i++) mv.visitVarInsn(loads[i], parameterSlots[i]);
        if (constant != null) mv.visitLdcInsn(constant);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BridgeContract.INTERNAL_NAME, method, descriptor, false);
    }

    @Override
    public String toString() {
        return BridgeContract.INTERNAL_NAME + '.' + method + descriptor;
    }
}
