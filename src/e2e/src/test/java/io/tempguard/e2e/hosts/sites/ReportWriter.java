package io.tempguard.e2e.hosts.sites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One creation site: NIO temp files. */
public final class ReportWriter {
    public static Path write() throws IOException {
        return Files.createTempFile("report-", ".tmp");
    }

    private ReportWriter() {
    }
}
