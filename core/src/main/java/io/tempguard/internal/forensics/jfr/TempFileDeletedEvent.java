package io.tempguard.internal.forensics.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A tracked temp path was deleted. */
@Name("io.tempguard.TempFileDeleted")
@Label("Temp File Deleted")
@Category({"Java Application", "tempguard"})
@Description("A temporary path tempguard tracked was deleted")
@StackTrace(false)
final class TempFileDeletedEvent extends jdk.jfr.Event {
    @Label("Path")
    String path;

    @Label("By")
    @Description("host (the application deleted it), cleanup, sweep (orphan of a dead JVM) or reaper (cleanup at exit)")
    String by;
}
