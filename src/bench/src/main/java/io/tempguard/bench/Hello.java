package io.tempguard.bench;

/** The smallest host: what a JVM start costs with and without the agent ({@link StartupHarness}). */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }

    private Hello() {
    }
}
