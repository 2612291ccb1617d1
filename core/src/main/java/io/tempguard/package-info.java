/**
 * tempguard's public API: {@link io.tempguard.TempFileManager} (the global or an independent
 * manager), its {@link io.tempguard.TempFileManagerConfig}, the MXBean interface
 * {@link io.tempguard.TempFileManagerMXBean}, and the result and value types it returns. This
 * package depends on {@code io.tempguard.internal.*}; nothing outside tempguard should.
 */
package io.tempguard;
