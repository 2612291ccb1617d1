package io.tempguard;

/** What a tracked path is on disk, decided when tracking starts. */
public enum PathKind {
    /** A regular file, or anything that is not a directory (a symbolic link is tracked as itself). */
    FILE,
    /** A directory; cleanup deletes it recursively, without following symbolic links. */
    DIRECTORY
}
