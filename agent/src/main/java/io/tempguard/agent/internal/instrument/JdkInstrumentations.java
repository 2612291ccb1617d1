package io.tempguard.agent.internal.instrument;

import io.tempguard.agent.internal.BridgeContract;

import static io.tempguard.agent.internal.BridgeContract.CAPTURE_DIRECTORY_CREATED;
import static io.tempguard.agent.internal.BridgeContract.CAPTURE_FILE_CREATED;
import static io.tempguard.agent.internal.BridgeContract.CAPTURE_MAY_HAVE_CREATED;
import static io.tempguard.agent.internal.BridgeContract.CAPTURE_MAY_HAVE_CREATED_FILE;
import static io.tempguard.agent.internal.BridgeContract.DIRECTORY_CREATED;
import static io.tempguard.agent.internal.BridgeContract.FILE_CREATED;

/**
 * The JDK classes tempguard instruments and what it inserts. Every temp file or directory a
 * Java program creates, through its own code or any library, goes through one of the six creation
 * methods; the deletes, moves and renames keep the registry in step with what the host does.
 */
public final class JdkInstrumentations {
    private static final String PATH = "Ljava/nio/file/Path;";
    private static final String STRING = "Ljava/lang/String;";
    private static final String ATTRS = "[Ljava/nio/file/attribute/FileAttribute;";
    private static final String COPY_FROM_STREAM = "(Ljava/io/InputStream;" + PATH + "[Ljava/nio/file/CopyOption;)J";

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
                .onExit("move", "(" + PATH + PATH + "[Ljava/nio/file/CopyOption;)" + PATH, BridgeCall.moved())
                // capture: with REPLACE_EXISTING it deletes an existing target and creates it anew through
                // newOutputStream(CREATE_NEW); only this outer view knows whether the target was there before
                .onEntry("copy", COPY_FROM_STREAM, BridgeCall.mayCreate(1))
                .onExit("copy", COPY_FROM_STREAM, BridgeCall.mayHaveCreated(1, CAPTURE_MAY_HAVE_CREATED_FILE));
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
                        BridgeContract.DELETE_ON_EXIT)
                // capture: mkdir returns true only when it created the directory (mkdirs creates each level
                // through it, parents first), createNewFile only when it created the file
                .onExit("mkdir", "()Z", BridgeCall.createdBy(CAPTURE_DIRECTORY_CREATED))
                .onExit("createNewFile", "()Z", BridgeCall.createdBy(CAPTURE_FILE_CREATED));
    }

    // ---- capture: the few places where the JDK funnels the other creation APIs

    /** Every FileOutputStream constructor that opens a path ends in {@code open(String name, boolean append)}. */
    public static TypeInstrumentation fileOutputStream() {
        String open = "(" + STRING + "Z)V";
        return new TypeInstrumentation("java/io/FileOutputStream")
                .onEntry("open", open, BridgeCall.mayCreate(1))
                .onExit("open", open, BridgeCall.mayHaveCreated(1, CAPTURE_MAY_HAVE_CREATED_FILE));
    }

    /** Every RandomAccessFile constructor ends in {@code open(String name, int mode)}; only a write mode creates. */
    public static TypeInstrumentation randomAccessFile() {
        String open = "(" + STRING + "I)V";
        return new TypeInstrumentation("java/io/RandomAccessFile")
                .onEntry("open", open, BridgeCall.randomAccess(true))
                .onExit("open", open, BridgeCall.randomAccess(false));
    }

    /**
     * The default file system's provider: {@code Files.newByteChannel}, {@code newOutputStream},
     * {@code write}, {@code createFile} and {@code copy(InputStream, Path)} open through
     * {@code newByteChannel}, {@code FileChannel.open} through {@code newFileChannel},
     * {@code Files.createDirectory/createDirectories} create through {@code createDirectory}, and
     * {@code Files.copy(Path, Path)} through {@code copy}.
     */
    public static TypeInstrumentation unixFileSystemProvider() {
        String channel = "(" + PATH + "Ljava/util/Set;" + ATTRS + ")";
        String copy = "(" + PATH + PATH + "[Ljava/nio/file/CopyOption;)V";
        return new TypeInstrumentation(UNIX_PROVIDER)
                .onEntry("newByteChannel", channel + "Ljava/nio/channels/SeekableByteChannel;", BridgeCall.channel(true))
                .onExit("newByteChannel", channel + "Ljava/nio/channels/SeekableByteChannel;", BridgeCall.channel(false))
                .unlessItCalls("newByteChannel", channel + "Ljava/nio/channels/SeekableByteChannel;",
                        "newFileChannel", channel + "Ljava/nio/channels/FileChannel;")
                .onEntry("newFileChannel", channel + "Ljava/nio/channels/FileChannel;", BridgeCall.channel(true))
                .onExit("newFileChannel", channel + "Ljava/nio/channels/FileChannel;", BridgeCall.channel(false))
                .onExit("createDirectory", "(" + PATH + ATTRS + ")V",
                        BridgeCall.createdParameter(1, CAPTURE_DIRECTORY_CREATED))
                .onEntry("copy", copy, BridgeCall.mayCreate(2))
                .onExit("copy", copy, BridgeCall.mayHaveCreated(2, CAPTURE_MAY_HAVE_CREATED));
    }

    /**
     * {@code Files.createTempFile/createTempDirectory} create through {@code Files.createFile} and
     * {@code createDirectory}, which capture watches too: those two calls are surrounded by events
     * that tell capture to stay quiet for that one path (the createTemp* exit hook reports it).
     * No end event after a call that threw: the path object it leaves marked never reached the host.
     */
    public static TypeInstrumentation tempFileHelper() {
        String create = "(" + PATH + ATTRS + ")" + PATH;
        return new TypeInstrumentation(TEMP_FILE_HELPER)
                .aroundCall("create", "java/nio/file/Files", "createFile", create,
                        BridgeContract.TEMP_CREATION_BEGIN, BridgeContract.TEMP_CREATION_END)
                .aroundCall("create", "java/nio/file/Files", "createDirectory", create,
                        BridgeContract.TEMP_CREATION_BEGIN, BridgeContract.TEMP_CREATION_END);
    }

    /** The package-private class behind {@code Files.createTempFile} and {@code createTempDirectory}. */
    public static final String TEMP_FILE_HELPER = "java/nio/file/TempFileHelper";

    /** The class that declares the default provider's methods on Linux (and the other Unix JDKs). */
    public static final String UNIX_PROVIDER = "sun/nio/fs/UnixFileSystemProvider";

    /** Every class the agent rewrites. */
    public static TypeInstrumentation[] all() {
        return new TypeInstrumentation[] {files(), file(), fileOutputStream(), randomAccessFile(),
                unixFileSystemProvider(), tempFileHelper()};
    }

    private JdkInstrumentations() {
    }
}
