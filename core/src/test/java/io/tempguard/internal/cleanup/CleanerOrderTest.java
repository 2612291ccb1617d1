package io.tempguard.internal.cleanup;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order a cleanup works in: files first, then directories deepest first, then registration order. */
class CleanerOrderTest {
    @Test
    void filesComeFirstThenDirectoriesDeepestFirstThenOldestFirst() {
        Registry r = new Registry();
        String[][] tracked = {
                {"/t/a", "D"}, {"/t/a/f1", "F"}, {"/t/a/b", "D"}, {"/t/x", "D"}, {"/t/a/b/c", "D"},
                {"/t/a/b/c/f3", "F"}, {"/t/a/b/f2", "F"}, {"/t/y", "D"}, {"/t/top", "F"},
        };
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < tracked.length; i++) {
            PathKind kind = tracked[i][1].equals("D") ? PathKind.DIRECTORY : PathKind.FILE;
            entries.add(r.add(Paths.get(tracked[i][0]), kind, new FileIdentity(1, i, 0), 0, i));
        }

        entries.sort(Cleaner.ORDER);

        assertEquals(List.of("/t/a/b/c/f3", "/t/a/b/f2", "/t/a/f1", "/t/top", "/t/a/b/c", "/t/a/b", "/t/a", "/t/x", "/t/y"),
                entries.stream().map(Entry::path).map(Path::toString).collect(Collectors.toList()));
    }
}
