package io.tributary.plugins.filetail;

/** Where to start reading a file that has no saved position and exists when the source starts. */
public enum StartAt {
    /** Read the whole file. */
    BEGINNING,
    /** Only lines written from now on. */
    END
}
