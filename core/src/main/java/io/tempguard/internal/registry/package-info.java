/**
 * The in-memory registry of tracked paths: one entry per path with its kind, identity, size and
 * tracking time, counters kept exact inside each map update (so {@code stats()} is O(1)), and the
 * registration order (so the oldest path is O(1)). It tells one listener (the journal) of every
 * change, in order.
 *
 * <p>Depends on {@code fs} (for {@code FileIdentity}), {@code forensics} (each entry's
 * {@code CreationSite}) and the public value types only.
 */
package io.tempguard.internal.registry;
