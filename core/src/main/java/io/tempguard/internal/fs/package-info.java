/**
 * The file-system layer: the only code in tempguard that deletes anything.
 *
 * <p>{@link io.tempguard.internal.fs.SafeDeleter} walks from a root's handle
 * ({@link io.tempguard.internal.fs.RootDirectory}) with {@code openat(O_NOFOLLOW)} semantics, never
 * follows a link, never enters a mount point ({@link io.tempguard.internal.fs.MountPoints}, bind
 * mounts included), never leaves the roots ({@link io.tempguard.internal.fs.Roots}) and refuses a
 * path whose {@link io.tempguard.internal.fs.FileIdentity} (device, inode, birth time at the file
 * system's precision) changed. Every attribute read goes through
 * {@link io.tempguard.internal.fs.FsAttributes}, without following links.
 *
 * <p>Called by {@code cleanup} (exit, on demand, by age), {@code sweep} (orphans of dead JVMs) and
 * the facade (measure, reconcile). Depends on the JDK only: nothing here knows about the registry,
 * the journal or JMX.
 */
package io.tempguard.internal.fs;
