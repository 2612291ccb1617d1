/**
 * The crash journal: one locked, owner-only file per JVM that lists what is tracked, so that a
 * later JVM can delete what a {@code kill -9} left behind. The writer is the registry's listener
 * and writes with positional writes, never through a mapping, so nothing an operator does to the
 * file can crash the host; the reader streams a journal through a fixed buffer, so an orphan's
 * size never decides the reader's memory. {@code JournalFormat} is the on-disk layout and the file
 * names, in one place; {@code JournalDirectory} decides whether a directory may be trusted (owned
 * by this process's effective uid, not writable by others).
 *
 * <p>Depends on {@code registry}, {@code fs} and {@code log}; never deletes anything itself
 * (the sweeper does, through {@code fs}).
 */
package io.tempguard.internal.journal;
