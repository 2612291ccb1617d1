/**
 * The MXBean {@code io.tempguard:type=TempFileManager}: its registration (one place, failures
 * logged, never thrown into the host), the adapter that serves it, and the threshold notifications
 * it broadcasts ({@code ThresholdNotifier}, one per manager). The adapter reads the
 * manager's state and operations; it holds no state of its own. It is registered as a
 * {@link io.tempguard.internal.jmx.DescribedMBean}, so the MBeanInfo carries the interface's
 * {@link io.tempguard.Description}s.
 */
package io.tempguard.internal.jmx;
