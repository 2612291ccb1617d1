package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;

import java.nio.file.Path;

/**
 * For the fail-open test only: every creation the host makes fails inside tempguard, as an internal
 * fault would, so the test can see that the host's call still returns normally and that the fault
 * is counted in {@code AgentErrorCount} and logged once. Used only when the system property
 * {@value #PROPERTY} is {@code true} at start; otherwise it is never loaded, and the call site in
 * {@link HostEvents} stays monomorphic, so production hosts pay nothing for it.
 */
final class FaultInjectingHostEvents extends HostEvents {
    static final String PROPERTY = "tempguard.test.injectFault";

    FaultInjectingHostEvents(TempFileManager manager, ErrorReporter errors) {
        super(manager, errors);
    }

    @Override
    void observeCreated(Path path) {
        throw new IllegalStateException("fault injected by -D" + PROPERTY + "=true");
    }
}
