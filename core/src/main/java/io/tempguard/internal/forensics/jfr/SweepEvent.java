package io.tempguard.internal.forensics.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One sweep of the journals that dead JVMs left. */
@Name("io.tempguard.Sweep")
@Label("Temp Orphan Sweep")
@Category({"Java Application", "tempguard"})
@Description("A tempguard sweep of orphans left by JVMs killed without cleanup")
@StackTrace(false)
final class SweepEvent extends jdk.jfr.Event {
    @Label("Journals Swept")
    int journalsSwept;

    @Label("Journals Live")
    int journalsLive;

    @Label("Deleted")
    long deleted;

    @Label("Failed")
    long failed;

    @Label("Bytes Freed")
    @DataAmount
    long bytesFreed;

    @Label("Elapsed")
    @Timespan(Timespan.NANOSECONDS)
    long elapsed;
}
