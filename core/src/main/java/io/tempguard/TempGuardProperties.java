package io.tempguard;

/**
 * The system properties through which a JVM tells an operator's tools that tempguard runs in it.
 * They are read without connecting over JMX, through the Attach API's view of the target's
 * system properties ({@code tempguard-console jvms}, {@code attach}). Set by tempguard, never read
 * by it: setting them by hand changes nothing but what those tools report.
 */
public final class TempGuardProperties {
    /** Set by the agent to its version once it is installed; absent when no agent is active. */
    public static final String AGENT_VERSION = "tempguard.agent.version";

    /** Set to the ObjectName of the registered MXBean while it is registered. */
    public static final String MBEAN = "tempguard.mbean";

    private TempGuardProperties() {
    }
}
