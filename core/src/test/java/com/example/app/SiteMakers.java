package com.example.app;

import io.tempguard.TempFileManager;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Application code outside tempguard's packages (whose frames are never a site): each method is
 * one creation site for the tests.
 */
public final class SiteMakers {
    public static List<Path> spill(TempFileManager m, Path dir, int n) throws IOException {
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < n; i++) made.add(m.createTempFile(dir, "spill-", ".bin"));
        return made;
    }

    public static List<Path> scratch(TempFileManager m, Path dir, int n) throws IOException {
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < n; i++) made.add(m.createTempDirectory(dir, "scratch-"));
        return made;
    }

    /** Makes its temp file through a library (com.example.lib). */
    public static Path viaLibrary(TempFileManager m, Path dir) throws IOException {
        return com.example.lib.TempLib.buffer(m, dir);
    }

    private SiteMakers() {
    }

    /** Reports {@code file} as created by a watched call (a FileOutputStream and the like) made here. */
    public static void created(io.tempguard.internal.spi.HostObserver host, Path file) {
        host.observeCreatedBy(file, io.tempguard.PathKind.FILE);
    }
}
