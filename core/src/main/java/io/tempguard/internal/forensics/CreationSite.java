package io.tempguard.internal.forensics;

import java.util.concurrent.atomic.LongAdder;

/**
 * One place in the code that creates temp paths: class, method, file and line of the first frame
 * outside the JDK, tempguard and the excluded prefixes; interned by {@link SiteTable}, so every
 * path made there shares this one object. Also counts the recorded creations made there.
 *
 * <p>The thread name is that of the latest recorded creation: keeping one per path (or making it
 * part of the site) would split a thread pool's "pool-7-thread-12" work into a site per thread and
 * defeat the interning.
 */
public final class CreationSite {
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;
    private final String description;
    private final LongAdder created = new LongAdder();
    private volatile String lastThread = "";

    CreationSite(String className, String methodName, String fileName, int line) {
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
        this.description = methodName.isEmpty() ? className
                : className + '.' + methodName + '(' + (fileName == null ? "Unknown Source" : fileName)
                        + (line > 0 ? ":" + line : "") + ')';
    }

    /** A site that names no frame: {@code unsampled}, {@code other} (the table was full), {@code unknown}. */
    static CreationSite special(String name) {
        return new CreationSite(name, "", null, -1);
    }

    public String className() { return className; }

    public String methodName() { return methodName; }

    /** The source file, or null if the class has none recorded. */
    public String fileName() { return fileName; }

    /** The line, or a negative number if unknown. */
    public int line() { return line; }

    /** Name of the thread of the latest recorded creation here. */
    public String lastThread() { return lastThread; }

    /** Recorded creations here (sampled ones only, in sampled mode). */
    public long createdTotal() { return created.sum(); }

    /** One more path tracked from here, by {@code threadName}. */
    public void recordCreation(String threadName) {
        created.increment();
        if (!threadName.equals(lastThread)) lastThread = threadName;
    }

    /** {@code com.example.Spill.write(Spill.java:42)}, as a stack trace prints a frame. */
    @Override
    public String toString() {
        return description;
    }
}
