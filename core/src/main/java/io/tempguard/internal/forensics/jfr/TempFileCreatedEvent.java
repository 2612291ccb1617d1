package io.tempguard.internal.forensics.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A tracked temp path was created; its stack trace names the code that made it. */
@Name("io.tempguard.TempFileCreated")
@Label("Temp File Created")
@Category({"Java Application", "tempguard"})
@Description("A temporary file or directory tempguard tracks was created")
@StackTrace(true)
final class TempFileCreatedEvent extends jdk.jfr.Event {
    @Label("Path")
    String path;

    @Label("Kind")
    @Description("FILE or DIRECTORY")
    String kind;

    @Label("Root")
    @Description("The managed root it was created under")
    String root;
}
