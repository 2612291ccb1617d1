/**
 * The agent proper, loaded by the isolated loader: option parsing, defining the bridge inside
 * java.base, installing the global manager, the host events the bridge delivers, the self-test and
 * failing open. Talks to core through core's agent SPI only.
 */
package io.tempguard.agent.internal;
