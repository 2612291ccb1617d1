/**
 * The rewrite of {@code java.nio.file.Files} and {@code java.io.File} with the ASM bundled in Byte
 * Buddy: one bridge call before each normal return, nothing on the exception path, return values
 * only duplicated, so the host's results and exceptions never change.
 */
package io.tempguard.agent.internal.instrument;
