/**
 * The orphan sweep: finds journals of dead JVMs (their lock is free and their pid and start time
 * name no running process), checks that each recorded root is still the directory it was, and
 * deletes what they list through {@code fs.SafeDeleter}. A journal another sweeper holds is
 * "busy"; an unreadable one is set aside as {@code *.corrupt}; a problem that does not change is
 * reported once.
 *
 * <p>Depends on {@code journal} (reading, rewriting), {@code fs} (deleting) and {@code forensics}
 * (a JFR event per deleted orphan).
 */
package io.tempguard.internal.sweep;
