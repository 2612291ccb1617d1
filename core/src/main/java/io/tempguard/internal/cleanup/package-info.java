/**
 * Cleanup runs over tracked entries: the deletion order (files first, then directories deepest
 * first), the outcome tally, and one summary line per run. Deletes only through
 * {@code fs.SafeDeleter}; updates the registry with what it removed, and publishes each deletion and
 * run as a JFR event ({@code forensics.ForensicEvents}).
 */
package io.tempguard.internal.cleanup;
