package io.tempguard.e2e.hosts;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Makes temp files the way Spark and upload handlers do, never through {@code createTemp*}: a
 * {@code blockmgr-<uuid>/0a/} directory with {@code File.mkdirs} and block files in it, and an
 * {@code upload_<id>.tmp} written with a {@code FileOutputStream}, all in {@code java.io.tmpdir};
 * the same two outside it (in {@code args[0]}); and it overwrites, with a {@code FileOutputStream},
 * the file {@code args[1]} that existed before it started.
 *
 * <p>Prints {@code BLOCKMGR dir}, {@code BLOCK file} (3), {@code UPLOAD file}, {@code TEMPFILE file} (2,
 * Files and File.createTempFile), {@code TEMPDIR dir} (Files.createTempDirectory), {@code OUTSIDE path} (2),
 * {@code PRE file}, then {@code READY}, and waits for a line on stdin before exiting normally.
 */
public final class SparkLikeHost {
    public static void main(String[] args) throws Exception {
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        StringBuilder out = new StringBuilder();
        File blockmgr = new File(tmp, "blockmgr-" + UUID.randomUUID());
        File sub = new File(blockmgr, "0a");
        if (!sub.mkdirs()) throw new IOException("mkdirs " + sub + " returned false");
        out.append("BLOCKMGR ").append(blockmgr).append('\n');
        for (int i = 0; i < 3; i++) {
            File block = new File(sub, "shuffle_0_" + i + "_0.data");
            write(block, "block " + i);
            out.append("BLOCK ").append(block).append('\n');
        }
        File upload = new File(tmp, "upload_" + UUID.randomUUID().toString().replace("-", "") + ".tmp");
        write(upload, "uploaded");
        out.append("UPLOAD ").append(upload).append('\n');

        // Beside them, the ordinary temp files tempguard tracks anyway: never counted as uncaptured
        // (on JDK 25 createTempFile opens through two hooked provider methods).
        out.append("TEMPFILE ").append(java.nio.file.Files.createTempFile("spark-", ".tmp")).append('\n');
        out.append("TEMPFILE ").append(File.createTempFile("spark-io-", ".tmp")).append('\n');
        out.append("TEMPDIR ").append(java.nio.file.Files.createTempDirectory("spark-dir-")).append('\n');

        File outside = new File(args[0]);
        File outsideDir = new File(outside, "blockmgr-" + UUID.randomUUID());
        if (!new File(outsideDir, "0a").mkdirs()) throw new IOException("mkdirs outside returned false");
        File outsideUpload = new File(outside, "upload_outside.tmp");
        write(outsideUpload, "outside");
        out.append("OUTSIDE ").append(outsideDir).append('\n');
        out.append("OUTSIDE ").append(outsideUpload).append('\n');

        File pre = new File(args[1]);
        write(pre, "overwritten by the host");
        out.append("PRE ").append(pre).append('\n');
        System.out.print(out);
        HostIo.readyThenWait("READY");
    }

    private static void write(File f, String content) throws IOException {
        try (FileOutputStream o = new FileOutputStream(f)) {
            o.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private SparkLikeHost() {
    }
}
