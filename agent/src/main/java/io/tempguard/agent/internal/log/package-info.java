/**
 * The agent's own SLF4J binding: one-line messages on stderr at the level of the {@code log}
 * option, so the host's SLF4J and Logback are never touched.
 */
package io.tempguard.agent.internal.log;
