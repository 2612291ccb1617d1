package io.tempguard.agent.internal;

import io.tempguard.PathKind;
import io.tempguard.internal.spi.HostObserver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every fault is counted, those the agent met while the manager was still starting included. */
class ErrorReporterTest {
    private static final class CountingObserver implements HostObserver {
        final AtomicInteger errors = new AtomicInteger();

        @Override public boolean observeCreated(Path path) { return false; }
        @Override public boolean observeDeleted(Path path) { return false; }
        @Override public void observeMoved(Path source, Path target) { }
        @Override public boolean observeDeleteOnExit(Path path) { return false; }
        @Override public boolean isEmpty() { return true; }
        @Override public void recordAgentError() { errors.incrementAndGet(); }
        @Override public void countAgentErrorsFrom(LongSupplier faults) { }
        @Override public boolean isCaptureCandidate(String path) { return false; }
        @Override public boolean observeMayCreate(Path path) { return false; }
        @Override public void observeCreatedBy(Path path, PathKind kind) { }
    }

    @Test
    void faultsBeforeTheManagerIsUpAreCountedInItOnceItIs() {
        ErrorReporter reporter = new ErrorReporter();
        reporter.report("create interception", new IllegalStateException("one"));
        reporter.report("create interception", new IllegalStateException("two"));
        reporter.report("deleteOnExit interception", new IllegalStateException("three"));
        CountingObserver manager = new CountingObserver();
        reporter.countIn(manager);
        assertEquals(3, manager.errors.get(), "the faults met while the manager started");
        reporter.report("create interception", new IllegalStateException("four"));
        assertEquals(4, manager.errors.get());
    }
}
