package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.MetricGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import oshi.hardware.NetworkIF;

/**
 * Per-interface network counters, tagged {@code interface=<name>}: {@code bytes_recv},
 * {@code bytes_sent}, {@code packets_recv}, {@code packets_sent}, {@code errors_in},
 * {@code errors_out}, {@code drops_in} since the interface came up, and from the second sample
 * on each one's rate per second ({@code bytes_recv_per_sec}, ...).
 */
final class NetworkCollector implements Collector {
    private static final String[] COUNTERS = {
        "bytes_recv", "bytes_sent", "packets_recv", "packets_sent", "errors_in", "errors_out", "drops_in"};
    private static final String[] RATES = new String[COUNTERS.length];

    static {
        for (int i = 0; i < COUNTERS.length; i++) {
            RATES[i] = COUNTERS[i] + "_per_sec";
        }
    }

    private final Supplier<List<NetworkIF>> lister;
    private final GlobFilter names;
    private final RateTracker rates = new RateTracker();
    private List<NetworkIF> interfaces = List.of();

    NetworkCollector(Supplier<List<NetworkIF>> lister, GlobFilter names) {
        this.lister = lister;
        this.names = names;
    }

    @Override
    public MetricGroup group() {
        return MetricGroup.NETWORK;
    }

    @Override
    public void rescan() {
        List<NetworkIF> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NetworkIF nif : lister.get()) {
            if (names.accepts(nif.getName()) && seen.add(nif.getName())) {
                found.add(nif);
            }
        }
        interfaces = found;
        rates.retainOnly(seen);
    }

    @Override
    public boolean collect(long nanos, List<Sample> out) {
        boolean allThere = true;
        for (NetworkIF nif : interfaces) {
            if (!nif.updateAttributes()) {
                allThere = false;
                continue;
            }
            long[] values = {nif.getBytesRecv(), nif.getBytesSent(), nif.getPacketsRecv(), nif.getPacketsSent(),
                nif.getInErrors(), nif.getOutErrors(), nif.getInDrops()};
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < COUNTERS.length; i++) {
                fields.put(COUNTERS[i], values[i]);
            }
            Rates.put(fields, rates.rates(nif.getName(), nanos, values), RATES);
            out.add(new Sample(MetricGroup.NETWORK, Map.of("interface", nif.getName()), fields));
        }
        return allThere;
    }
}
