package io.tempguard.e2e.hosts.sites;

import com.example.lib.SpillBuffer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates temp paths from three classes: {@code reports} files through {@link ReportWriter},
 * {@code indexes} files through {@link IndexBuilder} and {@code spills} directories through the
 * "library" {@link SpillBuffer}; then deletes {@code deletedReports} of the reports itself. Prints
 * {@code CREATED path} per path and {@code READY}. On each further line from stdin: {@code more}
 * makes one more index and prints {@code CREATED path} and {@code DONE}; {@code exit} exits.
 *
 * <p>Arguments: reports indexes spills deletedReports.
 */
public final class SitesHost {
    public static void main(String[] args) throws Exception {
        int reports = Integer.parseInt(args[0]);
        int indexes = Integer.parseInt(args[1]);
        int spills = Integer.parseInt(args[2]);
        int deleted = Integer.parseInt(args[3]);
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < reports; i++) made.add(ReportWriter.write());
        for (int i = 0; i < indexes; i++) made.add(IndexBuilder.build());
        for (int i = 0; i < spills; i++) made.add(SpillBuffer.allocate());
        for (int i = 0; i < deleted; i++) Files.delete(made.get(i));
        boolean print = reports + indexes + spills <= 100; // the big sampled runs print nothing per path
        if (print) {
            for (Path p : made) System.out.println("CREATED " + p);
        }
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
            if (line.equals("more")) {
                System.out.println("CREATED " + IndexBuilder.build());
                System.out.println("DONE");
                System.out.flush();
            }
        }
    }

    private SitesHost() {
    }
}
