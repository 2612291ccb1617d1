package io.tempguard.e2e.hosts;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a tree of temp paths, prints each as {@code KIND path}, prints {@code READY} and waits
 * for one line on stdin, then exits normally (unless it is killed first).
 *
 * <p>Arguments: temp directories, then temp files. The directories come first: a fifth of them
 * (at least one) directly in {@code java.io.tmpdir}, each of the others inside the one created a
 * fifth of the count before it, so they nest in chains. Every third directory gets an ordinary
 * (untracked) file, every seventh an untracked subdirectory holding a file: {@code UNTRACKED}.
 * Then the files, made with {@code Files.createTempFile} and {@code File.createTempFile} in turn;
 * every tenth (the sixth of each ten) goes into one of the directories, the others into
 * {@code java.io.tmpdir}; the last one created always lies in {@code java.io.tmpdir}.
 */
public final class TempTreeHost {
    public static void main(String[] args) throws Exception {
        int dirCount = Integer.parseInt(args[0]);
        int fileCount = Integer.parseInt(args[1]);
        int tops = Math.max(1, dirCount / 5);
        StringBuilder out = new StringBuilder();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < dirCount; i++) {
            Path dir = i < tops ? Files.createTempDirectory("tree-") : Files.createTempDirectory(dirs.get(i - tops), "nest-");
            dirs.add(dir);
            out.append("DIR ").append(dir).append('\n');
            if (i % 3 == 0) {
                Path plain = Files.write(dir.resolve("untracked-" + i + ".txt"), ("plain " + i).getBytes(StandardCharsets.UTF_8));
                out.append("UNTRACKED ").append(plain).append('\n');
            }
            if (i % 7 == 0) {
                Path sub = Files.createDirectory(dir.resolve("untracked-sub"));
                Path inner = Files.write(sub.resolve("inner.txt"), ("inner " + i).getBytes(StandardCharsets.UTF_8));
                out.append("UNTRACKED ").append(sub).append('\n');
                out.append("UNTRACKED ").append(inner).append('\n');
            }
        }
        for (int j = 0; j < fileCount; j++) {
            Path file;
            if (!dirs.isEmpty() && j % 10 == 5 && j != fileCount - 1) {
                file = Files.createTempFile(dirs.get(j % dirs.size()), "in-", ".tmp");
            } else if (j % 2 == 0) {
                file = Files.createTempFile("file-", ".tmp");
            } else {
                file = File.createTempFile("file-", ".tmp").toPath();
            }
            if (j % 4 == 0) Files.write(file, ("content " + j).getBytes(StandardCharsets.UTF_8));
            out.append("FILE ").append(file).append('\n');
        }
        System.out.print(out);
        HostIo.readyThenWait("READY");
    }

    private TempTreeHost() {
    }
}
