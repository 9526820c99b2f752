package io.tributary.plugins.hostmetrics.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns monotonically increasing counters (bytes sent, reads completed, ...) into per-second
 * rates by remembering, per instance, the previous reading and when it was taken.
 *
 * <p>A counter that went down (the device was re-created, a 32-bit counter wrapped) yields no
 * rate for that reading rather than a negative or huge one; the next reading is measured from
 * the new value. Not thread-safe: one sampler thread uses it.
 */
final class RateTracker {
    private record Reading(long nanos, long[] values) {
    }

    private final Map<String, Reading> previous = new HashMap<>();

    /**
     * Records {@code values} for {@code instance} taken at monotonic time {@code nanos} and
     * returns their rates per second since the previous reading, with {@link Double#NaN} where
     * no rate is known; {@code null} for the first reading of an instance or when no time passed.
     */
    double[] rates(String instance, long nanos, long... values) {
        Reading before = previous.put(instance, new Reading(nanos, values.clone()));
        if (before == null || before.values.length != values.length || nanos <= before.nanos) {
            return null;
        }
        double seconds = (nanos - before.nanos) / 1e9;
        double[] rates = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            long delta = values[i] - before.values[i];
            rates[i] = delta < 0 ? Double.NaN : delta / seconds;
        }
        return rates;
    }

    /** The seconds between the previous reading of {@code instance} and {@code nanos}, or NaN if none. */
    double secondsSince(String instance, long nanos) {
        Reading before = previous.get(instance);
        return before == null ? Double.NaN : (nanos - before.nanos) / 1e9;
    }

    /** Forgets instances that no longer exist, so the map does not grow with churn (e.g. veth interfaces). */
    void retainOnly(Set<String> instances) {
        previous.keySet().retainAll(instances);
    }

    int size() {
        return previous.size();
    }
}
