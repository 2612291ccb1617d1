package io.tempguard.internal.registry;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Registry#key}: the same key as {@code toAbsolutePath().normalize()}, without rebuilding a normalized path. */
class RegistryKeyTest {
    @Test
    void aNormalizedAbsolutePathIsItsOwnKey() {
        Path p = Paths.get("/tmp/spill-1.bin");
        assertSame(p, Registry.key(p));
        for (String name : new String[] {"/tmp/.hidden", "/tmp/...", "/tmp/..x/a", "/tmp/a./b", "/tmp/a.b/.c.", "/.x"}) {
            Path q = Paths.get(name);
            assertSame(q, Registry.key(q), name);
        }
    }

    @Test
    void dotAndDotDotNamesAreNormalizedAway() {
        String[][] cases = {
                {"/tmp/./a", "/tmp/a"}, {"/tmp/x/../a", "/tmp/a"}, {"/tmp/a/.", "/tmp/a"}, {"/tmp/a/..", "/tmp"},
                {"/./tmp", "/tmp"}, {"/../tmp", "/tmp"}, {"/tmp/.././tmp/b", "/tmp/b"},
        };
        for (String[] c : cases) assertEquals(Paths.get(c[1]), Registry.key(Paths.get(c[0])), c[0]);
    }

    @Test
    void aRelativePathIsReadAgainstTheWorkingDirectory() {
        Path relative = Paths.get("sub", ".", "f.txt");
        assertEquals(relative.toAbsolutePath().normalize(), Registry.key(relative));
        assertTrue(Registry.key(relative).isAbsolute());
    }

    @Test
    void dotNamesAreFoundOnlyAtTheStartOfAName() {
        assertTrue(Registry.hasDotName("/a/./b", "/"));
        assertTrue(Registry.hasDotName("/a/..", "/"));
        assertTrue(Registry.hasDotName(".", "/"));
        assertFalse(Registry.hasDotName("/a.b/c..", "/"));
        assertFalse(Registry.hasDotName("/a/.b/...", "/"));
        assertTrue(Registry.hasDotName("/a/b", "::"), "an unusual separator leaves it to normalize()");
    }
}
