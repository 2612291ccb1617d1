package com.example.lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stands for a third-party library (think lz4-java, sqlite-jdbc) that makes temp directories for its caller. */
public final class SpillBuffer {
    public static Path allocate() throws IOException {
        return Files.createTempDirectory("spill-");
    }

    private SpillBuffer() {
    }
}
