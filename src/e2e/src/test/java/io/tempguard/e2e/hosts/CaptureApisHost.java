package io.tempguard.e2e.hosts;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every creation API of issue 11 once, by name: creates {@code api-<name>} with it in
 * {@code args[0]} (a root) and in {@code args[1]} (outside the roots), printing {@code CREATED name path}
 * for each; then opens each pre-existing {@code args[0]/pre-<name>} for writing with each API that
 * may open an existing file, and overwrites it ({@code PRE name path}); then makes the calls that
 * fail or create nothing and prints what each returned or threw ({@code RESULT ...}, the same lines
 * with or without an agent). Prints {@code READY} and waits for a line on stdin, then exits.
 */
public final class CaptureApisHost {
    /** A creation API: make {@code target} with it. */
    interface Api {
        void create(Path target) throws IOException;
    }

    /** The APIs that create, by name. */
    public static Map<String, Api> creating() {
        Map<String, Api> apis = new LinkedHashMap<>();
        apis.put("File.mkdir", t -> t.toFile().mkdir());
        apis.put("File.mkdirs", t -> t.resolve("a/b").toFile().mkdirs());
        apis.put("File.createNewFile", t -> t.toFile().createNewFile());
        apis.put("Files.createFile", t -> Files.createFile(t));
        apis.put("Files.createDirectory", t -> Files.createDirectory(t));
        apis.put("Files.createDirectories", t -> Files.createDirectories(t.resolve("a/b")));
        apis.put("FileOutputStream(File)", t -> new FileOutputStream(t.toFile()).close());
        apis.put("FileOutputStream(String,append)", t -> new FileOutputStream(t.toString(), true).close());
        apis.put("RandomAccessFile(rw)", t -> new RandomAccessFile(t.toFile(), "rw").close());
        apis.put("RandomAccessFile(rws)", t -> new RandomAccessFile(t.toString(), "rws").close());
        apis.put("Files.newOutputStream", t -> Files.newOutputStream(t).close());
        apis.put("Files.newByteChannel", t -> Files.newByteChannel(t, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE).close());
        apis.put("Files.write", t -> Files.write(t, new byte[] {1}));
        apis.put("Files.writeString", t -> Files.writeString(t, "x"));
        apis.put("Files.copy(Path,Path)", t -> Files.copy(source(t), t));
        apis.put("Files.copy(InputStream,Path)", t -> Files.copy(new ByteArrayInputStream(new byte[2]), t));
        apis.put("FileChannel.open(CREATE)", t -> FileChannel.open(t, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE).close());
        apis.put("FileChannel.open(CREATE_NEW)", t -> FileChannel.open(t, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE).close());
        return apis;
    }

    /** The APIs that may open a file that exists, overwriting (or appending to) it. */
    public static Map<String, Api> overwriting() {
        Map<String, Api> apis = new LinkedHashMap<>();
        apis.put("FileOutputStream(File)", t -> write(new FileOutputStream(t.toFile())));
        apis.put("FileOutputStream(String,append)", t -> write(new FileOutputStream(t.toString(), true)));
        apis.put("RandomAccessFile(rw)", t -> {
            try (RandomAccessFile f = new RandomAccessFile(t.toFile(), "rw")) {
                f.write("overwritten".getBytes(StandardCharsets.UTF_8));
            }
        });
        apis.put("Files.newOutputStream", t -> write(Files.newOutputStream(t)));
        apis.put("Files.newByteChannel", t -> {
            try (java.nio.channels.SeekableByteChannel c = Files.newByteChannel(t, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap("overwritten".getBytes(StandardCharsets.UTF_8)));
            }
        });
        apis.put("Files.write", t -> Files.write(t, "overwritten".getBytes(StandardCharsets.UTF_8)));
        apis.put("Files.copy(Path,Path,REPLACE_EXISTING)", t -> Files.copy(source(t), t,
                StandardCopyOption.REPLACE_EXISTING));
        apis.put("Files.copy(InputStream,Path,REPLACE_EXISTING)", t -> Files.copy(new ByteArrayInputStream(
                "overwritten".getBytes(StandardCharsets.UTF_8)), t, StandardCopyOption.REPLACE_EXISTING));
        apis.put("FileChannel.open(CREATE)", t -> {
            try (FileChannel c = FileChannel.open(t, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                c.write(java.nio.ByteBuffer.wrap("overwritten".getBytes(StandardCharsets.UTF_8)));
            }
        });
        return apis;
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[0]);
        Path outside = Paths.get(args[1]);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Api> api : creating().entrySet()) {
            for (Path dir : new Path[] {root, outside}) {
                Path target = dir.resolve("api-" + api.getKey());
                api.getValue().create(target);
                out.append(dir == root ? "CREATED " : "OUTSIDE ").append(api.getKey()).append(' ').append(target)
                        .append('\n');
            }
        }
        for (Map.Entry<String, Api> api : overwriting().entrySet()) {
            Path pre = root.resolve("pre-" + api.getKey());
            api.getValue().create(pre);
            out.append("PRE ").append(api.getKey()).append(' ').append(pre).append('\n');
        }
        results(root, out);
        System.out.print(out);
        HostIo.readyThenWait("READY");
    }

    /** Calls whose results and exceptions the agent must not change (paths shown relative to the root). */
    private static void results(Path root, StringBuilder out) {
        Path existingDir = root.resolve("x-dir");
        Path existingFile = root.resolve("x-file");
        Path absent = root.resolve("x-absent/child");
        String r = root.toString();
        runs(out, r, "FileOutputStream(directory)", () -> new FileOutputStream(existingDir.toFile()).close());
        runs(out, r, "FileOutputStream(in absent dir)", () -> new FileOutputStream(absent.toFile()).close());
        runs(out, r, "RandomAccessFile(absent, r)", () -> new RandomAccessFile(root.resolve("x-none").toFile(), "r").close());
        returns(out, r, "File.mkdirs(existing)", () -> existingDir.toFile().mkdirs());
        returns(out, r, "File.mkdir(existing)", () -> existingDir.toFile().mkdir());
        returns(out, r, "File.mkdir(in absent dir)", () -> absent.toFile().mkdir());
        returns(out, r, "File.createNewFile(existing)", () -> existingFile.toFile().createNewFile());
        returns(out, r, "Files.createFile(existing)", () -> Files.createFile(existingFile));
        returns(out, r, "Files.createDirectory(existing)", () -> Files.createDirectory(existingDir));
        returns(out, r, "Files.createDirectories(existing)", () -> Files.createDirectories(existingDir));
        returns(out, r, "Files.createDirectories(over a file)", () -> Files.createDirectories(existingFile.resolve("a")));
        runs(out, r, "Files.newOutputStream(CREATE_NEW, existing)", () -> Files.newOutputStream(existingFile,
                StandardOpenOption.CREATE_NEW).close());
        returns(out, r, "Files.copy(to existing)", () -> Files.copy(existingFile, existingDir));
        runs(out, r, "FileChannel.open(absent, READ)", () -> FileChannel.open(root.resolve("x-none")).close());
    }

    interface Returning {
        Object call() throws Exception;
    }

    interface Running {
        void call() throws Exception;
    }

    private static void returns(StringBuilder out, String root, String what, Returning call) {
        try {
            out.append("RESULT ").append(what).append(" returned ").append(String.valueOf(call.call()).replace(root, "<root>"))
                    .append('\n');
        } catch (Exception e) {
            threw(out, root, what, e);
        }
    }

    private static void runs(StringBuilder out, String root, String what, Running call) {
        try {
            call.call();
            out.append("RESULT ").append(what).append(" returned normally\n");
        } catch (Exception e) {
            threw(out, root, what, e);
        }
    }

    private static void threw(StringBuilder out, String root, String what, Exception e) {
        String message = String.valueOf(e.getMessage()).replace(root, "<root>");
        out.append("RESULT ").append(what).append(" threw ").append(e.getClass().getName()).append(": ").append(message)
                .append('\n');
    }

    private static Path source(Path target) throws IOException {
        Path src = target.resolveSibling("source-of-" + target.getFileName());
        return Files.write(src.getParent().getParent().resolve(src.getFileName()), "copied".getBytes(StandardCharsets.UTF_8));
    }

    private static void write(java.io.OutputStream o) throws IOException {
        try (java.io.OutputStream out = o) {
            out.write("overwritten".getBytes(StandardCharsets.UTF_8));
        }
    }

    private CaptureApisHost() {
    }
}
