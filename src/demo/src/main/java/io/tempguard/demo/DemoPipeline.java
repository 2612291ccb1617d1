package io.tempguard.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * A host that knows nothing about tempguard: a small document pipeline written the way real ones
 * are. Each job downloads its input into a temp file, unpacks it into a temp directory, lets a
 * "library" spill to temp files it never deletes (the leak), writes the result to a temp file and
 * moves it atomically into the output directory, and cleans up only part of its own mess.
 *
 * <p>Usage: {@code DemoPipeline <outputDir> <jobs>}; prints {@code READY} after the jobs and then
 * waits for a line on stdin before exiting normally.
 */
public final class DemoPipeline {

    public static void main(String[] args) throws Exception {
        Path output = Files.createDirectories(Paths.get(args[0]));
        int jobs = Integer.parseInt(args[1]);
        for (int job = 1; job <= jobs; job++) runJob(job, output);
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.out.println("pipeline: exiting normally");
    }

    private static void runJob(int job, Path output) throws IOException {
        Path download = Files.createTempFile("download-", ".zip");
        Files.write(download, new byte[64 * 1024]);

        Path work = Files.createTempDirectory("job-" + job + "-");
        for (int i = 0; i < 3; i++) {
            Files.write(Files.createDirectories(work.resolve("part" + i)).resolve("page.txt"),
                    ("page " + i + " of job " + job + "\n").repeat(200).getBytes(StandardCharsets.UTF_8));
        }
        ThirdPartyRenderer.render(work); // leaks two spill files per job

        Path result = Files.createTempFile(work, "result-", ".pdf");
        Files.write(result, ("result of job " + job).getBytes(StandardCharsets.UTF_8));
        Files.move(result, output.resolve("job-" + job + ".pdf"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        Files.delete(download); // the pipeline cleans its download, but forgets the work directory
        System.out.println("pipeline: job " + job + " done -> " + output.resolve("job-" + job + ".pdf"));
    }

    /** Stands for a library the host does not control: it spills to temp files and never deletes them. */
    static final class ThirdPartyRenderer {
        static void render(Path input) throws IOException {
            File fonts = File.createTempFile("font-cache", ".bin");
            Files.write(fonts.toPath(), new byte[16 * 1024]);
            File spill = File.createTempFile("render-spill", ".tmp");
            Files.write(spill.toPath(), new byte[32 * 1024]);
            spill.deleteOnExit(); // the JDK would keep this in its list forever; tempguard takes it over
        }
    }

    private DemoPipeline() {
    }
}
