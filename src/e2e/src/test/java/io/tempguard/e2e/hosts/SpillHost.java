package io.tempguard.e2e.hosts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A host whose every step the parent controls, so counts are exact: it reads one command per line
 * on stdin and answers each with one line. {@code create N} creates N empty temp files
 * ({@code Files.createTempFile}, as a spilling library does); {@code fill I BYTES} writes BYTES
 * into the I-th; {@code delete} deletes them all ({@code Files.delete}); {@code exit} ends.
 */
public final class SpillHost {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Path> files = new ArrayList<>();
        System.out.println("READY");
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "create":
                    for (int i = Integer.parseInt(cmd[1]); i > 0; i--) files.add(Files.createTempFile("spill-", ".bin"));
                    answer("CREATED " + files.size());
                    break;
                case "fill":
                    Files.write(files.get(Integer.parseInt(cmd[1])), new byte[Integer.parseInt(cmd[2])]);
                    answer("FILLED " + cmd[1]);
                    break;
                case "delete":
                    for (Path f : files) Files.delete(f);
                    answer("DELETED " + files.size());
                    files.clear();
                    break;
                case "exit":
                    return;
                default:
                    throw new IOException("unknown command: " + line);
            }
        }
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private SpillHost() {
    }
}
