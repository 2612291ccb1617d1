package io.tempguard.e2e.hosts.sites;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** One creation site: java.io temp files. */
public final class IndexBuilder {
    public static Path build() throws IOException {
        return File.createTempFile("index-", ".idx").toPath();
    }

    private IndexBuilder() {
    }
}
