package io.tempguard.internal.fs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading /proc/self/mountinfo: field 5 with the kernel's octal escapes, and only mounts under the roots. */
class MountPointsTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final Mounts mounts = new Mounts();

    @AfterEach
    void unmount() throws IOException {
        mounts.close();
    }

    @Test
    void theMountPointIsField5WithOctalEscapesDecoded() {
        assertEquals(Paths.get("/tmp/job x/mnt\tb\\c"), MountPoints.mountPoint(
                "36 27 254:0 /data /tmp/job\\040x/mnt\\011b\\134c rw,relatime shared:1 - ext4 /dev/vda rw"));
        assertEquals(Paths.get("/"), MountPoints.mountPoint("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw"));
        assertEquals("a\\9", MountPoints.unescape("a\\9"), "not an escape: kept as it is");
        assertNull(MountPoints.mountPoint("garbage"));
    }

    @Test
    void withNothingMountedUnderTheRootsThereIsNoneAndTheRootsOwnMountDoesNotCount() {
        MountPoints none = MountPoints.under(Roots.of(List.of(root)));
        assertTrue(none.isEmpty(), none::toString);
        assertTrue(MountPoints.under(Roots.of(List.of(Paths.get("/")))).toString().contains("/proc"),
                "mounts under / are found: the table is read");
    }

    @Test
    void aMountPointWithASpaceInItsNameIsFoundByPathAndByTheIdentityOfWhatIsMounted() throws Exception {
        Mounts.requireRoot();
        Path data = Files.createDirectory(outside.resolve("data"));
        Path mnt = Files.createDirectories(root.resolve("job x/mnt point"));
        mounts.bind(data, mnt);

        MountPoints found = MountPoints.under(Roots.of(List.of(root)));

        assertEquals("[" + mnt.toRealPath() + "]", found.toString());
        assertTrue(found.isMountPoint(mnt.toRealPath(), FsAttributes.identity(mnt)));
        assertTrue(found.isMountPoint(null, FsAttributes.identity(data)), "the mounted root, seen through another name");
        assertFalse(found.isMountPoint(root.resolve("job x").toRealPath(), FsAttributes.identity(root.resolve("job x"))));
        assertTrue(MountPoints.under(Roots.of(List.of(outside))).isEmpty(), "not under those roots");
    }
}
