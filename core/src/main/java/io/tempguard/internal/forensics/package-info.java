/**
 * Forensics: which code made the tracked paths. {@link io.tempguard.internal.forensics.SiteRecorder}
 * names the creating frame on the host's thread (sampled or every time), a bounded
 * {@link io.tempguard.internal.forensics.SiteTable} interns the sites, and
 * {@link io.tempguard.internal.forensics.SiteTally} adds up live counts, bytes and ages per site when
 * asked. {@link io.tempguard.internal.forensics.ForensicEvents} publishes JFR events when a recording
 * wants them (the {@code jdk.jfr} classes live in the {@code jfr} sub-package and load only where
 * that module exists).
 *
 * <p>Depends on the public value types only. Each registry entry holds one reference to its
 * {@link io.tempguard.internal.forensics.CreationSite} (registry depends on this package, never the
 * reverse: the engine feeds the tally from the registry).
 */
package io.tempguard.internal.forensics;
