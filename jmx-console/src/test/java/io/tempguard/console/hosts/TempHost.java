package io.tempguard.console.hosts;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A host program for the console's tests: knows nothing of tempguard, creates temp files when told
 * on stdin and prints what it created. Run with only the test classes on its class path.
 *
 * <pre>
 * files N SIZE   N files of SIZE bytes (Files.createTempFile): "FILE path" each, then "DONE"
 * dir            a directory (Files.createTempDirectory) with one 10-byte file in it (File.createTempFile):
 *                "DIR path", "FILE path", "DONE"
 * nasty          a file (Files.createTempFile) whose name holds a newline, an ESC sequence and a
 *                backslash ({@link #NASTY_PREFIX}): "FILE64 base64-of-the-path", "DONE"
 * mkdirs NAME     File.mkdirs of tmpdir/NAME/0a: "DIR tmpdir/NAME", "DONE"
 * upload NAME     a FileOutputStream writes tmpdir/NAME: "FILE path", "DONE"
 * exit           exits normally (as does the end of stdin)
 * </pre>
 * Prints "READY pid" first.
 */
public final class TempHost {
    /** A name a terminal would obey: a line break, "switch to red", a backslash. */
    public static final String NASTY_PREFIX = "evil-\n\u001b[31m\\-";

    public static void main(String[] args) throws Exception {
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "files":
                    int n = Integer.parseInt(words[1]);
                    int size = Integer.parseInt(words[2]);
                    for (int i = 0; i < n; i++) {
                        Path file = Files.createTempFile("host-", ".bin");
                        Files.write(file, new byte[size]);
                        System.out.println("FILE " + file);
                    }
                    break;
                case "dir":
                    Path dir = Files.createTempDirectory("host-dir-");
                    File inner = File.createTempFile("inner-", ".txt", dir.toFile());
                    Files.write(inner.toPath(), new byte[10]);
                    System.out.println("DIR " + dir);
                    System.out.println("FILE " + inner);
                    break;
                case "nasty":
                    Path nasty = Files.createTempFile(NASTY_PREFIX, ".txt");
                    Files.write(nasty, new byte[5]);
                    // Base64: the path's own newline would break this line protocol.
                    System.out.println("FILE64 " + Base64.getEncoder().encodeToString(
                            nasty.toString().getBytes(StandardCharsets.UTF_8)));
                    break;
                case "mkdirs": {
                    // Not through createTemp*: what capture rules are for (Spark's blockmgr-<uuid>/0a).
                    File top = new File(System.getProperty("java.io.tmpdir"), words[1]);
                    new File(top, "0a").mkdirs();
                    System.out.println("DIR " + top.getAbsolutePath());
                    break;
                }
                case "upload": {
                    File upload = new File(System.getProperty("java.io.tmpdir"), words[1]);
                    try (java.io.FileOutputStream out = new java.io.FileOutputStream(upload)) {
                        out.write(new byte[3]);
                    }
                    System.out.println("FILE " + upload.getAbsolutePath());
                    break;
                }
                case "exit":
                    System.out.println("DONE");
                    System.out.flush();
                    return;
                default:
                    System.out.println("UNKNOWN " + line);
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    private TempHost() {
    }
}
