package io.tempguard.internal.spi;

import io.tempguard.PathKind;
import io.tempguard.internal.capture.CreationCapture;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.registry.Registry;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A manager's {@link HostObserver}: applies the library's own rules to what the host did, and
 * keeps the two counters only the agent feeds ({@code UnmanagedCreatedTotal}, {@code AgentErrorCount}).
 * Created by the manager; the agent sees only the interface.
 */
public final class HostObservations implements HostObserver {
    private final Registry registry;
    private final Roots roots;
    private final Clock clock;
    private final AtomicLong unmanagedCreated = new AtomicLong();
    private final AtomicLong agentErrors = new AtomicLong();
    private volatile LongSupplier moreAgentErrors;
    private final CreationCapture capture;
    private volatile boolean stopped;

    public HostObservations(Registry registry, Roots roots, Clock clock, CreationCapture capture) {
        this.registry = registry;
        this.roots = roots;
        this.clock = clock;
        this.capture = capture;
    }

    @Override
    public boolean observeCreated(Path path) {
        if (stopped || path.getFileSystem() != FileSystems.getDefault()) return false;
        Path key = Registry.key(path);
        Path dir = key.getParent();
        // The library's own rule for createTempFile(dir, ...): a host call through a link that
        // leads out of the roots is unmanaged with the agent exactly as without it.
        if (!roots.contains(key) || dir == null || roots.unmanagedDirectory(dir) != null) {
            unmanagedCreated.incrementAndGet();
            return false;
        }
        try {
            BasicFileAttributes attrs = FsAttributes.lstat(key);
            registry.track(key, attrs, clock.millis());
            capture.trackedByCreateTemp(key);
            return true;
        } catch (IOException e) {
            return false; // already gone again
        }
    }

    @Override
    public boolean observeDeleted(Path path) {
        if (registry.isEmpty() || path.getFileSystem() != FileSystems.getDefault()) return false;
        return registry.remove(Registry.key(path), Registry.Removal.RELEASED) != null;
    }

    @Override
    public void observeMoved(Path source, Path target) {
        if (registry.isEmpty()) return;
        if (source.getFileSystem() == FileSystems.getDefault()) {
            registry.remove(Registry.key(source), Registry.Removal.RELEASED);
        }
        if (target.getFileSystem() == FileSystems.getDefault()) {
            registry.remove(Registry.key(target), Registry.Removal.RELEASED);
        }
    }

    @Override
    public boolean isEmpty() {
        return registry.isEmpty();
    }

    @Override
    public void recordAgentError() {
        agentErrors.incrementAndGet();
    }

    @Override
    public void countAgentErrorsFrom(LongSupplier faults) {
        moreAgentErrors = faults;
    }

    @Override
    public boolean isCaptureCandidate(String path) {
        return !stopped && capture.isCandidate(path);
    }

    @Override
    public boolean observeMayCreate(Path path) {
        return !stopped && CreationCapture.isAbsent(path);
    }

    @Override
    public void observeCreatedBy(Path path, PathKind kind) {
        if (!stopped) capture.created(path, kind);
    }

    /** What capture decided so far, and its rules. */
    public CreationCapture capture() {
        return capture;
    }

    /** The manager closed: later creations are no longer tracked (nor counted). */
    public void stop() {
        stopped = true;
    }

    public long unmanagedCreatedTotal() {
        return unmanagedCreated.get();
    }

    /** Faults the agent counted, plus those of the source given to {@link #countAgentErrorsFrom}. */
    public long agentErrorCount() {
        LongSupplier more = moreAgentErrors;
        return agentErrors.get() + (more == null ? 0 : more.getAsLong());
    }
}
