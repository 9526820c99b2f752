package io.tributary.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything measured for one broker. */
final class BrokerResult {
    static final String PRODUCE_ACKS1 = "produce-acks1";
    static final String PRODUCE_ACKSALL = "produce-acksall";
    static final String CONSUME_ASSIGN = "consume-assign";
    static final String CONSUME_GROUP = "consume-group";

    final String slot;
    String description;
    boolean ok;
    String error;
    double readySeconds = Double.NaN;
    long rssAfterReadyKiB = -1;
    long peakRssKiB = -1;
    long rssSamples;
    /** Broker CPU over the steps every broker runs identically: both produce runs and the assign() consumer. */
    double coreCpuSeconds = Double.NaN;
    long corePayloadBytes = -1;
    String shutdown;
    final Map<String, StepResult> steps = new LinkedHashMap<>();

    BrokerResult(String slot) {
        this.slot = slot;
    }

    StepResult step(String name) {
        return steps.get(name);
    }

    double cpuSecondsPerGiB() {
        if (Double.isNaN(coreCpuSeconds) || corePayloadBytes <= 0) {
            return Double.NaN;
        }
        return coreCpuSeconds / (corePayloadBytes / (1024.0 * 1024.0 * 1024.0));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slot", slot);
        m.put("description", description);
        m.put("ok", ok);
        m.put("error", error);
        m.put("launchToReadySeconds", readySeconds);
        m.put("rssAfterReadyMiB", rssAfterReadyKiB < 0 ? Double.NaN : rssAfterReadyKiB / 1024.0);
        m.put("peakRssUnderLoadMiB", peakRssKiB < 0 ? Double.NaN : peakRssKiB / 1024.0);
        m.put("rssSamples", rssSamples);
        m.put("coreCpuSeconds", coreCpuSeconds);
        m.put("corePayloadBytes", corePayloadBytes);
        m.put("cpuSecondsPerGiB", cpuSecondsPerGiB());
        m.put("shutdown", shutdown);
        Map<String, Object> s = new LinkedHashMap<>();
        steps.forEach((k, v) -> s.put(k, v.toMap()));
        m.put("steps", s);
        return m;
    }
}
