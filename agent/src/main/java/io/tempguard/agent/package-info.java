/**
 * The only agent classes the host's class loader can see: the {@code premain}/{@code agentmain}
 * entry and the isolated class loader that loads everything else (core, Byte Buddy's ASM, SLF4J,
 * all relocated) from the jar's {@code inst/} entries. They keep no state and touch no logging.
 */
package io.tempguard.agent;
