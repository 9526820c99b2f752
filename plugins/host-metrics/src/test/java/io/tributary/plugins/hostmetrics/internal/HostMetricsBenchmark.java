package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.HostMetricsConfig;
import io.tributary.plugins.hostmetrics.OshiProvider;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * How long one host-metrics sample takes, cold and warm, against a baseline measured in the
 * same run: the naive way of listing every disk, mount and interface through OSHI on each
 * sample ({@code rescan-every: 1}). Run on purpose, never in {@code mvn verify}:
 *
 * <pre>
 * mvn -B -o -q -pl plugins/host-metrics test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp plugins/host-metrics/target/test-classes:plugins/host-metrics/target/classes:$(cat plugins/host-metrics/target/cp.txt) \
 *     io.tributary.plugins.hostmetrics.internal.HostMetricsBenchmark [samples]
 * </pre>
 *
 * With {@code footprint native-free|jna} (run each in its own JVM, with the agent's JVM flags) it
 * prints instead what loading OSHI and sampling adds to a bare JVM: resident memory, heap after
 * GC, classes loaded, and the CPU time of 100 samples.
 *
 * OSHI's 300 ms memoization is switched off so that every sample really reads the kernel, as
 * it does at a 10 s interval.
 */
public final class HostMetricsBenchmark {
    private static final int WARM_UP = 50;

    private HostMetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("footprint")) {
            footprint(OshiProvider.valueOf(args[1].toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
            return;
        }
        System.setProperty("oshi.util.memoizer.expiration", "0");
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        HostMetricsConfig defaults = HostMetricsConfig.defaults();

        long t0 = System.nanoTime();
        HostSampler cold = HostSampler.create(defaults, LoggerFactory.getLogger("bench"));
        List<Sample> first = cold.sample();
        double coldMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("cold: create + first sample %.1f ms (%d samples in it: %s)%n", coldMs, first.size(),
                summary(first));

        Result baseline = measure("baseline: rescan every sample (native-free)", defaults.withRescanEvery(1), samples);
        Result ours = measure("host-metrics default: rescan every 6 (native-free)", defaults, samples);
        Result jna = measure("jna provider, rescan every 6", withProvider(defaults, OshiProvider.JNA), samples);
        Result jnaBaseline = measure("jna provider, rescan every sample", withProvider(defaults, OshiProvider.JNA)
                .withRescanEvery(1), samples);

        System.out.printf("%nratios (mean sample time, lower is better, baseline = 1.00):%n");
        for (Result r : List.of(baseline, ours, jna, jnaBaseline)) {
            System.out.printf("  %-52s %6.3f ms mean, p50 %6.3f, p99 %6.3f, max %6.3f  -> %.2fx baseline%n",
                    r.name, r.meanMs, r.p50Ms, r.p99Ms, r.maxMs, r.meanMs / baseline.meanMs);
        }
        System.out.printf("  cold first sample vs warm default: %.0fx%n", coldMs / ours.meanMs);
    }

    private static void footprint(OshiProvider provider) throws Exception {
        System.setProperty("oshi.util.memoizer.expiration", "0");
        // The agent has its logging up already: start it before the baseline so only OSHI is measured.
        org.slf4j.Logger log = LoggerFactory.getLogger("bench");
        log.info("footprint of OSHI with the {} provider", provider);
        Footprint bare = Footprint.now();
        HostSampler sampler = HostSampler.create(withProvider(HostMetricsConfig.defaults(), provider), log);
        sampler.sample();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < 100; i++) {
            sampler.sample();
        }
        double cpuMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6;
        Footprint loaded = Footprint.now();
        System.out.printf("%s: bare JVM RSS %d KiB, heap %d KiB, %d classes%n", provider, bare.rssKiB,
                bare.heapKiB, bare.classes);
        System.out.printf("%s: with OSHI sampling RSS %d KiB (+%d, %.2fx), heap %d KiB (+%d), %d classes (+%d)%n",
                provider, loaded.rssKiB, loaded.rssKiB - bare.rssKiB, (double) loaded.rssKiB / bare.rssKiB,
                loaded.heapKiB, loaded.heapKiB - bare.heapKiB, loaded.classes, loaded.classes - bare.classes);
        System.out.printf("%s: CPU %.3f ms per sample; at a 10 s interval %.4f %% of one core%n", provider,
                cpuMs / 100, cpuMs / 100 / 10_000 * 100);
    }

    private record Footprint(long rssKiB, long heapKiB, int classes) {
        static Footprint now() throws java.io.IOException {
            System.gc();
            long rss = 0;
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            Runtime rt = Runtime.getRuntime();
            return new Footprint(rss, (rt.totalMemory() - rt.freeMemory()) / 1024,
                    ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        }
    }

    private record Result(String name, double meanMs, double p50Ms, double p99Ms, double maxMs) {
    }

    private static Result measure(String name, HostMetricsConfig config, int samples) {
        HostSampler sampler = HostSampler.create(config, LoggerFactory.getLogger("bench"));
        for (int i = 0; i < WARM_UP; i++) {
            sampler.sample();
        }
        long[] nanos = new long[samples];
        long sink = 0;
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            sink += sampler.sample().size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        Result r = new Result(name, mean, nanos[samples / 2] / 1e6, nanos[(int) (samples * 0.99)] / 1e6,
                nanos[samples - 1] / 1e6);
        System.out.printf("%s: %d samples, mean %.3f ms (%d events total)%n", name, samples, mean, sink);
        return r;
    }

    private static HostMetricsConfig withProvider(HostMetricsConfig c, OshiProvider provider) {
        return new HostMetricsConfig(c.interval(), c.metrics(), c.perCpu(), c.disks(), c.excludeDisks(),
                c.mountPoints(), c.excludeMountPoints(), c.fsTypes(), c.excludeFsTypes(), c.interfaces(),
                c.excludeInterfaces(), c.rescanEvery(), provider);
    }

    private static String summary(List<Sample> samples) {
        return samples.stream().map(s -> s.group().attributeValue() + s.tags().values()).toList().toString();
    }
}
