/**
 * Micrometer integration for applications that use tempguard as a library: {@link
 * io.tempguard.micrometer.TempGuardMetrics}. Micrometer is an optional dependency; nothing else in
 * tempguard loads this package.
 */
package io.tempguard.micrometer;
