/**
 * The manager's threads and hooks: one daemon maintenance thread (journal start and checks,
 * reconcile, size refresh in bounded slices, threshold checks, orphan sweep, MBean registration,
 * all off the host's threads) and the bounded shutdown cleanup, which lets the host's own shutdown
 * hooks finish first. Depends on the JDK only; the facade hands it the work to run.
 */
package io.tempguard.internal.lifecycle;
