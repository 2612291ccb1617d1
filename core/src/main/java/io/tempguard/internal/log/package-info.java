/**
 * tempguard's logger lookup: SLF4J inside a library; inside the agent, SLF4J is relocated and
 * bound to the agent's own stderr logger, so the host's logging is never touched.
 */
package io.tempguard.internal.log;
