package io.tempguard.agent.internal;

import io.tempguard.PathKind;
import io.tempguard.internal.spi.HostObserver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the capture events hand to the manager: a creation inside a createTemp* of the same path is
 * the temp file's (its exit hook tracks it), not an uncaptured creation; outside one, and for any
 * other path, creations are handed on as before.
 */
class CaptureEventsTest {
    /** Records the creations capture hands on; every path is a candidate and absent before. */
    private static final class RecordingObserver implements HostObserver {
        final List<String> createdBy = new ArrayList<>();

        @Override public boolean observeCreated(Path path) { return true; }
        @Override public boolean observeDeleted(Path path) { return false; }
        @Override public void observeMoved(Path source, Path target) { }
        @Override public boolean observeDeleteOnExit(Path path) { return false; }
        @Override public boolean isEmpty() { return true; }
        @Override public void recordAgentError() { }
        @Override public void countAgentErrorsFrom(LongSupplier faults) { }
        @Override public boolean isCaptureCandidate(String path) { return true; }
        @Override public boolean observeMayCreate(Path path) { return true; }

        @Override
        public void observeCreatedBy(Path path, PathKind kind) {
            createdBy.add(kind + " " + path);
        }
    }

    private final RecordingObserver observer = new RecordingObserver();
    private final CaptureEvents events = new CaptureEvents(observer, new ErrorReporter());

    @Test
    void theOpenInsideACreateTempOfThatPathIsNotHandedOn() {
        Path temp = Paths.get("/tmp/root/t-1.tmp");
        events.onEvent(temp, BridgeContract.TEMP_CREATION_BEGIN);
        events.onEvent(temp, BridgeContract.CAPTURE_FILE_CREATED); // the channel open beneath createFile
        events.onEvent(temp, BridgeContract.CAPTURE_FILE_CREATED); // JDK 25 would have had two, once
        events.onEvent(temp, BridgeContract.TEMP_CREATION_END);
        assertEquals(List.of(), observer.createdBy);

        Path dir = Paths.get("/tmp/root/d-1");
        events.onEvent(dir, BridgeContract.TEMP_CREATION_BEGIN);
        events.onEvent(dir, BridgeContract.CAPTURE_DIRECTORY_CREATED);
        events.onEvent(dir, BridgeContract.TEMP_CREATION_END);
        assertEquals(List.of(), observer.createdBy);
    }

    @Test
    void otherPathsAndLaterCreationsOfTheSamePathAreHandedOn() {
        Path temp = Paths.get("/tmp/root/t-2.tmp");
        Path other = Paths.get("/tmp/root/upload_1.tmp");
        events.onEvent(temp, BridgeContract.TEMP_CREATION_BEGIN);
        events.onEvent(other, BridgeContract.CAPTURE_FILE_CREATED);
        events.onEvent(temp, BridgeContract.TEMP_CREATION_END);
        events.onEvent(temp, BridgeContract.CAPTURE_FILE_CREATED); // deleted and made again with createNewFile, say
        assertEquals(List.of("FILE " + other, "FILE " + temp), observer.createdBy);
    }

    @Test
    void aCreateTempThatThrewQuietensOnlyItsOwnPathObject() {
        // No end event after a createFile that threw: the Path object it marked never reached the host.
        Path failed = Paths.get("/tmp/root/no-such-dir/t-3.tmp");
        events.onEvent(failed, BridgeContract.TEMP_CREATION_BEGIN);
        Path other = Paths.get("/tmp/root/no-such-dir/t-3.tmp"); // equal, but another object: the host's own
        events.onEvent(other, BridgeContract.CAPTURE_FILE_CREATED);
        Path next = Paths.get("/tmp/root/t-4.tmp");
        events.onEvent(next, BridgeContract.TEMP_CREATION_BEGIN); // the next createTemp* replaces the mark
        events.onEvent(next, BridgeContract.TEMP_CREATION_END);
        events.onEvent(failed, BridgeContract.CAPTURE_FILE_CREATED);
        assertEquals(List.of("FILE " + other, "FILE " + failed), observer.createdBy);
    }
}
