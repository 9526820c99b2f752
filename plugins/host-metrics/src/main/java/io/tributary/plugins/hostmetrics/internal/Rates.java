package io.tributary.plugins.hostmetrics.internal;

import java.util.Map;

/** Adds rates from {@link RateTracker#rates} to a sample's fields, skipping unknown ones. */
final class Rates {
    private Rates() {
    }

    static void put(Map<String, Object> fields, double[] rates, String... names) {
        if (rates == null) {
            return;
        }
        for (int i = 0; i < names.length; i++) {
            if (!Double.isNaN(rates[i])) {
                fields.put(names[i], rates[i]);
            }
        }
    }
}
