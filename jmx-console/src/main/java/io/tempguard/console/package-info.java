/**
 * The operator's CLI, {@code tempguard-console}: one class per command (jvms, attach, stats, ls,
 * cleanup, sweep, watch), a base that connects (Attach API or remote JMX) and maps every outcome
 * to an exit code in one place, and the shared {@code --json} output. Depends on core's public API
 * (the MXBean interface and its open types, and {@code OrphanSweep} for the local sweep).
 */
package io.tempguard.console;
