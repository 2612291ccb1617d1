package io.tempguard.internal.forensics.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One cleanup run: on demand, by age, a scoped path closing, or at exit. */
@Name("io.tempguard.Cleanup")
@Label("Temp Cleanup")
@Category({"Java Application", "tempguard"})
@Description("A tempguard cleanup run")
@StackTrace(false)
final class CleanupEvent extends jdk.jfr.Event {
    @Label("Run")
    String label;

    @Label("Deleted")
    long deleted;

    @Label("Already Gone")
    long alreadyGone;

    @Label("Failed")
    long failed;

    @Label("Skipped")
    long skipped;

    @Label("Bytes Freed")
    @DataAmount
    long bytesFreed;

    @Label("Elapsed")
    @Timespan(Timespan.NANOSECONDS)
    long elapsed;
}
