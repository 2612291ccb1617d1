package io.tempguard.internal.forensics.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether this JVM's flight recorder has started (a {@code -XX:StartFlightRecording} or a
 * {@code jcmd JFR.start}). Until it has, no recording can want tempguard's events, so the event
 * classes are not even loaded: defining a JFR event class costs about a hundred JDK classes and
 * tens of milliseconds, which a host without a recording must not pay (measured with
 * {@code -Xlog:class+load} on a hello world). {@code FlightRecorder.isInitialized} reads one flag.
 */
public final class RecorderState {
    private RecorderState() {
    }

    public static boolean started() {
        return FlightRecorder.isInitialized();
    }
}
