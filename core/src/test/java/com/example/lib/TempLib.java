package com.example.lib;

import io.tempguard.TempFileManager;

import java.io.IOException;
import java.nio.file.Path;

/** Stands for a third-party library that makes temp files for its caller. */
public final class TempLib {
    public static Path buffer(TempFileManager m, Path dir) throws IOException {
        return m.createTempFile(dir, "lib-", ".buf");
    }

    private TempLib() {
    }
}
