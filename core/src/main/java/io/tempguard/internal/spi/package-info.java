/**
 * The service-provider interface between the tempguard agent and core: for the agent, not for
 * applications (they use {@code io.tempguard}; nothing here is a supported API).
 *
 * <p>{@link io.tempguard.internal.spi.HostObserver} is what the agent feeds with what the host did;
 * {@link io.tempguard.internal.spi.AgentSpi} is how it obtains the observer of a manager, plus the
 * logger source and the no-recursion guard it needs. The agent imports core's internals from this
 * package only. Features that watch the host (capture, forensics) extend this interface, not the
 * public facade. Depends on the public API and on the registry, fs and forensics packages below it.
 */
package io.tempguard.internal.spi;
