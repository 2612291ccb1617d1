package io.tempguard.agent.internal.instrument;

import io.tempguard.agent.internal.BridgeContract;

import static io.tempguard.agent.internal.BridgeContract.DIRECTORY_CREATED;
import static io.tempguard.agent.internal.BridgeContract.FILE_CREATED;

/**
 * The two JDK classes tempguard instruments and what it inserts. Every temp file or directory a
 * Java program creates, through its own code or any library, goes through one of the six creation
 * methods; the deletes, moves and renames keep the registry in step with what the host does.
 */
public final class JdkInstrumentations {
    private static final String PATH = "Ljava/nio/file/Path;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String ATTRS = "[Ljava/nio/file/attribute/FileAttribute;";

    /** {@code java.nio.file.Files}. */
    public static TypeInstrumentation files() {
        return new TypeInstrumentation("java/nio/file/Files")
                .onExit("createTempFile", "(" + PATH + STRING + STRING + ATTRS + ")" + PATH, BridgeCall.created(FILE_CREATED))
                .onExit("createTempFile", "(" + STRING + STRING + ATTRS + ")" + PATH, BridgeCall.created(FILE_CREATED))
                .onExit("createTempDirectory", "(" + PATH + STRING + ATTRS + ")" + PATH,
                        BridgeCall.created(DIRECTORY_CREATED))
                .onExit("createTempDirectory", "(" + STRING + ATTRS + ")" + PATH, BridgeCall.created(DIRECTORY_CREATED))
                .onExit("delete", "(" + PATH + ")V", BridgeCall.deletedParameter())
                .onExit("deleteIfExists", "(" + PATH + ")Z", BridgeCall.deletedParameter())
                .onExit("move", "(" + PATH + PATH + "[Ljava/nio/file/CopyOption;)" + PATH, BridgeCall.moved());
    }

    /** {@code java.io.File}. */
    public static TypeInstrumentation file() {
        return new TypeInstrumentation("java/io/File")
                .onExit("createTempFile", "(" + STRING + STRING + "Ljava/io/File;)Ljava/io/File;",
                        BridgeCall.created(FILE_CREATED))
                .onExit("createTempFile", "(" + STRING + STRING + ")Ljava/io/File;", BridgeCall.created(FILE_CREATED))
                .onExit("delete", "()Z", BridgeCall.fileDeleted())
                .onExit("renameTo", "(Ljava/io/File;)Z", BridgeCall.renamed())
                // File.deleteOnExit keeps its own checks (security manager, invalid path); only its
                // last step, adding the path to the JDK's never-shrinking list, goes through the
                // bridge, which skips it for a path tempguard took over (adoptDeleteOnExit).
                .redirect("deleteOnExit", "java/io/DeleteOnExitHook", "add", "(" + STRING + ")V",
                        BridgeContract.DELETE_ON_EXIT);
    }

    private JdkInstrumentations() {
    }
}
