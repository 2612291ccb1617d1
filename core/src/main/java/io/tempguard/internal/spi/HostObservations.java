package io.tempguard.internal.spi;

import io.tempguard.internal.forensics.CreationSite;
import io.tempguard.internal.forensics.ForensicEvents;
import io.tempguard.internal.forensics.SiteRecorder;
import io.tempguard.PathKind;
import io.tempguard.internal.capture.CreationCapture;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.registry.Entry;
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
    private final SiteRecorder sites;
    private final AtomicLong unmanagedCreated = new AtomicLong();
    private final AtomicLong agentErrors = new AtomicLong();
    private final DeleteOnExitAdoption deleteOnExit;
    private volatile LongSupplier moreAgentErrors;
    private final CreationCapture capture;
    private volatile boolean stopped;

    /** @param exit tells whether the manager can still delete the host's File.deleteOnExit paths at exit */
    public HostObservations(Registry registry, Roots roots, Clock clock, SiteRecorder sites,
                            CreationCapture capture, DeleteOnExitAdoption.ExitDeletion exit) {
        this.registry = registry;
        this.roots = roots;
        this.clock = clock;
        this.sites = sites;
        this.capture = capture;
        this.deleteOnExit = new DeleteOnExitAdoption(registry, roots, clock, exit);
        // A captured path gets what a created temp path gets: its creation site and a TempFileCreated event.
        capture.trackWith(new CreationCapture.Tracker() {
            @Override
            public void track(Path key, BasicFileAttributes attrs) {
                HostObservations.this.track(key, attrs);
            }

            @Override
            public String siteOfCurrentCreation() {
                CreationSite site = HostObservations.this.sites.siteOfCurrentCreation();
                return site == null ? "" : site.toString();
            }
        });
    }

    /** The File.deleteOnExit paths that wait to exist: what to check every pass and at exit. */
    public DeleteOnExitAdoption deleteOnExitAdoption() {
        return deleteOnExit;
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
            track(key, FsAttributes.lstat(key));
            deleteOnExit.created(key); // a File.deleteOnExit path that did not exist yet
            return true;
        } catch (IOException e) {
            return false; // already gone again
        }
    }

    /**
     * Tracks a path just created (by the host, or by the library for its caller), with its
     * creation site and a {@code TempFileCreated} event. Runs on the creating thread, so the site
     * walk and the event's stack trace see the creating code.
     *
     * @return the new entry, or null if the path was tracked already
     */
    public Entry track(Path key, BasicFileAttributes attrs) {
        // File.createTempFile reports its path twice (java.io, then the NIO call beneath): one walk, one count.
        Entry known = registry.get(key);
        CreationSite site = known != null ? known.site() : sites.siteOfCurrentCreation();
        Entry added = registry.track(key, attrs, clock.millis(), site);
        if (added == null) return null;
        if (site != null && site != SiteRecorder.UNSAMPLED) site.recordCreation(Thread.currentThread().getName());
        if (ForensicEvents.createdEnabled()) {
            Roots.Location where = roots.locate(key);
            ForensicEvents.created(key, added.kind().name(), where == null ? null : where.root().configured());
        }
        return added;
    }

    @Override
    public boolean observeDeleted(Path path) {
        if (registry.isEmpty() || path.getFileSystem() != FileSystems.getDefault()) return false;
        Path key = Registry.key(path);
        if (registry.remove(key, Registry.Removal.RELEASED) == null) return false;
        ForensicEvents.deleted(key, ForensicEvents.BY_HOST);
        return true;
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
    public boolean observeDeleteOnExit(Path path) {
        return !stopped && deleteOnExit.request(path);
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
        if (stopped) return;
        capture.created(path, kind);
        // A File.deleteOnExit path the host wrote after asking (sqlite-jdbc's extracted library): adopted now.
        if (deleteOnExit.pendingCount() > 0) deleteOnExit.created(Registry.key(path));
    }

    /** What capture decided so far, and its rules. */
    public CreationCapture capture() {
        return capture;
    }

    /** The manager closed: later creations are no longer tracked (nor counted). */
    public void stop() {
        stopped = true;
        deleteOnExit.stop();
    }

    /** Paths taken over from {@code File.deleteOnExit} ({@code AdoptedDeleteOnExitTotal}). */
    public long adoptedDeleteOnExitTotal() {
        return deleteOnExit.adoptedTotal();
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
