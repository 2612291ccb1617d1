/**
 * The rewrite of {@code java.nio.file.Files} and {@code java.io.File} (and, for capture rules, of
 * {@code FileOutputStream}, {@code RandomAccessFile} and the default file system provider) with the
 * ASM bundled in Byte Buddy: one bridge call before each normal return (and, for a call that may
 * create, one at entry), nothing on the exception path, return values only duplicated, so the
 * host's results and exceptions never change.
 */
package io.tempguard.agent.internal.instrument;
