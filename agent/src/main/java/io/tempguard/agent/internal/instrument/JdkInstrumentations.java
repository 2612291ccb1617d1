package io.tempguard.agent.internal.instrument;

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
                .onExit("renameTo", "(Ljava/io/File;)Z", BridgeCall.renamed());
        // File.deleteOnExit is left to the JDK on purpose: its list of path strings, honoured after
        // every application shutdown hook with File.delete semantics whatever is at the path then,
        // is a semantics no takeover can reproduce with less memory (a request must outlive the
        // path's deletion, move or replacement). tempguard deletes what it tracks at exit anyway.
    }

    private JdkInstrumentations() {
    }
}
