package io.tributary.plugins.filetail.internal;

/** Monotonic time, injectable so tests can drive timeouts (multiline, rotate-wait) by hand. */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
