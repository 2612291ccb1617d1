/**
 * The host programs the scenarios run in child JVMs. They use nothing but the JDK (and, for
 * {@link io.tempguard.e2e.hosts.LibsHost}, the libraries it bundles), print what they did on stdout,
 * and never see tempguard: whatever tempguard does, it does through the agent.
 */
package io.tempguard.e2e.hosts;
