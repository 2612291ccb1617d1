/**
 * Early warning: the limits an operator sets on tracked files, tracked bytes and free space, the
 * state of each (exceeded or clear, with hysteresis so a value hovering at a limit does not
 * flap), and the one WARN line per crossing. Evaluated on the maintenance thread, never on a
 * host's thread. Tells one {@link io.tempguard.internal.threshold.Thresholds.Listener} (the
 * MXBean's notifications) of each crossing. Depends on the JDK, {@code log} and the public value
 * types only.
 */
package io.tempguard.internal.threshold;
