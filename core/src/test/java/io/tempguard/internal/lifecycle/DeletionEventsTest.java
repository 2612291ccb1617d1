package io.tempguard.internal.lifecycle;

import io.tempguard.SiteRecording;
import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.forensics.SiteRecorder;
import io.tempguard.internal.forensics.SiteTable;
import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.capture.CaptureRules;
import io.tempguard.internal.capture.CreationCapture;
import io.tempguard.internal.capture.UncapturedCreations;
import io.tempguard.internal.spi.DeleteOnExitAdoption;
import io.tempguard.internal.spi.HostObservations;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, JFR: who deleted a path, as {@code TempFileDeleted} says. The e2e test reads a host's
 * recording; this one covers the reaper (the cleanup at exit), whose events a recording dumped at
 * exit misses because JFR writes the file in its own shutdown hook.
 */
class DeletionEventsTest {
    @TempDir
    Path root;

    /** This test hands nothing to File.deleteOnExit. */
    private static final DeleteOnExitAdoption.ExitDeletion NO_EXIT_DELETION = new DeleteOnExitAdoption.ExitDeletion() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void pathsWaiting() {
        }
    };

    @Test
    void eachDeletionNamesWhoDeletedIt(@TempDir Path out) throws Exception {
        Registry registry = new Registry();
        Roots roots = Roots.of(List.of(root));
        Cleaner cleaner = new Cleaner(registry, new SafeDeleter(roots, new BirthTimeSupport()));
        HostObservations host = new HostObservations(registry, roots, Clock.systemUTC(),
                new SiteRecorder(SiteRecording.of(SiteRecording.Mode.OFF), new SiteTable()),
                new CreationCapture(registry, roots, Clock.systemUTC(), CaptureRules.of(List.of()),
                        UncapturedCreations.DEFAULT_CAPACITY), NO_EXIT_DELETION);
        Path byHost = Files.createFile(root.resolve("by-host"));
        Path byCleanup = Files.createFile(root.resolve("by-cleanup"));
        Path byReaper = Files.createFile(root.resolve("by-reaper"));
        Path recordingFile = out.resolve("events.jfr");

        try (Recording recording = new Recording()) {
            recording.enable("io.tempguard.TempFileCreated");
            recording.enable("io.tempguard.TempFileDeleted");
            recording.enable("io.tempguard.Cleanup");
            recording.start();
            for (Path p : List.of(byHost, byCleanup, byReaper)) host.track(Registry.key(p), FsAttributes.lstat(p));
            Files.delete(byHost);
            host.observeDeleted(byHost);
            cleaner.run(List.of(registry.get(Registry.key(byCleanup))), false);
            new ExitCleanup(registry, cleaner, null, true).run();
            recording.stop();
            recording.dump(recordingFile);
        }

        Map<String, String> deletedBy = new TreeMap<>();
        List<String> cleanups = new ArrayList<>();
        int created = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recordingFile)) {
            switch (e.getEventType().getName()) {
                case "io.tempguard.TempFileCreated":
                    created++;
                    assertTrue(e.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getType().getName()
                            .equals(DeletionEventsTest.class.getName())), "the creation's stack names this test");
                    assertEquals(root.toString(), e.getString("root"));
                    break;
                case "io.tempguard.TempFileDeleted":
                    deletedBy.put(Path.of(e.getString("path")).getFileName().toString(), e.getString("by"));
                    break;
                case "io.tempguard.Cleanup":
                    cleanups.add(e.getString("label") + ":" + e.getLong("deleted"));
                    break;
                default:
                    break;
            }
        }
        assertEquals(3, created);
        assertEquals(Map.of("by-host", "host", "by-cleanup", "cleanup", "by-reaper", "reaper"), deletedBy);
        assertEquals(List.of("cleanup:1", Cleaner.AT_EXIT + ":1"), cleanups);
    }
}
