/**
 * The only classes that touch {@code jdk.jfr}: tempguard's event types and the sink that commits
 * them. Loaded by name from {@code ForensicEvents} only when the runtime has the {@code jdk.jfr}
 * module; nothing else may refer to this package.
 */
package io.tempguard.internal.forensics.jfr;
