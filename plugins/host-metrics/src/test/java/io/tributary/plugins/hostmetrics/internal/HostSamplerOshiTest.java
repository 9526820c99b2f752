package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.tributary.plugins.hostmetrics.HostMetricsConfig;
import io.tributary.plugins.hostmetrics.MetricGroup;
import io.tributary.plugins.hostmetrics.OshiProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Real OSHI on this (Linux) host: every group present, every figure plausible. */
class HostSamplerOshiTest {
    @BeforeAll
    static void linuxOnly() {
        assumeThat(OshiSystems.nativeFreeSupported()).as("these checks read a Linux host").isTrue();
    }

    /** "/" and "lo" exist on every Linux host, whatever its disks, so the test pins them. */
    private static HostMetricsConfig rootAndLoopback() {
        return new HostMetricsConfig(null, null, null, null, null, List.of("/"), null, null, List.of(),
                List.of("lo"), List.of(), null, null);
    }

    /** Samples until CPU ticks moved since the previous sample (procfs counts in 10 ms ticks). */
    private static List<Sample> secondSample(HostSampler sampler) {
        sampler.sample();
        AtomicReference<List<Sample>> second = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            second.set(sampler.sample());
            return second.get().stream().anyMatch(s -> s.group() == MetricGroup.CPU);
        });
        return second.get();
    }

    private static List<Sample> of(List<Sample> samples, MetricGroup group) {
        return samples.stream().filter(s -> s.group() == group).toList();
    }

    private static double d(Sample s, String field) {
        assertThat(s.fields()).as(s.group() + " " + s.tags()).containsKey(field);
        return ((Number) s.fields().get(field)).doubleValue();
    }

    private static long l(Sample s, String field) {
        assertThat(s.fields().get(field)).as(s.group() + " " + s.tags() + " " + field).isInstanceOf(Long.class);
        return (Long) s.fields().get(field);
    }

    @Test
    void everyGroupIsPresentAndPlausibleWithTheNativeFreeProvider() {
        checkHost(rootAndLoopback());
    }

    @Test
    void theJnaProviderGivesTheSameShape() {
        HostMetricsConfig c = rootAndLoopback();
        checkHost(new HostMetricsConfig(c.interval(), c.metrics(), c.perCpu(), c.disks(), c.excludeDisks(),
                c.mountPoints(), c.excludeMountPoints(), c.fsTypes(), c.excludeFsTypes(), c.interfaces(),
                c.excludeInterfaces(), c.rescanEvery(), OshiProvider.JNA));
    }

    private void checkHost(HostMetricsConfig config) {
        HostSampler sampler = HostSampler.create(config, LoggerFactory.getLogger("test"));
        List<Sample> samples = secondSample(sampler);

        List<Sample> cpus = of(samples, MetricGroup.CPU);
        long nCpus = l(of(samples, MetricGroup.LOAD).get(0), "n_cpus");
        assertThat(nCpus).isPositive();
        assertThat(cpus).extracting(s -> s.tags().get("cpu")).contains("cpu-total");
        assertThat(cpus).as("cpu-total plus one per logical CPU").hasSize((int) nCpus + 1);
        for (Sample cpu : cpus) {
            double sum = 0;
            for (String f : List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")) {
                assertThat(d(cpu, f)).isBetween(0.0, 1.0);
                sum += d(cpu, f);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(d(cpu, "usage")).isBetween(0.0, 1.0);
        }

        Sample load = of(samples, MetricGroup.LOAD).get(0);
        assertThat(d(load, "load1")).isGreaterThanOrEqualTo(0.0);
        assertThat(d(load, "load15")).isGreaterThanOrEqualTo(0.0);

        Sample mem = of(samples, MetricGroup.MEMORY).get(0);
        assertThat(l(mem, "total_bytes")).isPositive();
        assertThat(l(mem, "used_bytes")).isPositive().isLessThanOrEqualTo(l(mem, "total_bytes"));
        assertThat(l(mem, "available_bytes")).isLessThanOrEqualTo(l(mem, "total_bytes"));
        assertThat(d(mem, "used_ratio")).isBetween(0.0, 1.0);

        Sample swap = of(samples, MetricGroup.SWAP).get(0);
        assertThat(l(swap, "used_bytes")).isBetween(0L, l(swap, "total_bytes"));
        assertThat(d(swap, "pages_in_per_sec")).isGreaterThanOrEqualTo(0.0);

        List<Sample> fs = of(samples, MetricGroup.FILESYSTEM);
        assertThat(fs).extracting(s -> s.tags().get("mount")).containsExactly("/");
        Sample root = fs.get(0);
        assertThat(root.tags()).containsKeys("fstype", "device");
        assertThat(l(root, "total_bytes")).isPositive();
        assertThat(l(root, "used_bytes") + l(root, "free_bytes")).isLessThanOrEqualTo(l(root, "total_bytes"));
        assertThat(d(root, "used_ratio")).isBetween(0.0, 1.0);

        List<Sample> net = of(samples, MetricGroup.NETWORK);
        assertThat(net).extracting(s -> s.tags().get("interface")).containsExactly("lo");
        for (String f : List.of("bytes_recv", "bytes_sent", "packets_recv", "packets_sent", "errors_in",
                "errors_out", "drops_in")) {
            assertThat(l(net.get(0), f)).isNotNegative();
            assertThat(d(net.get(0), f + "_per_sec")).as("rate after a second sample").isGreaterThanOrEqualTo(0.0);
        }

        for (Sample disk : of(samples, MetricGroup.DISKIO)) {
            assertThat(disk.tags().get("disk")).doesNotStartWith("/dev/").doesNotStartWith("loop");
            assertThat(l(disk, "reads")).isNotNegative();
            assertThat(l(disk, "write_bytes")).isNotNegative();
            for (String f : List.of("reads_per_sec", "writes_per_sec", "read_bytes_per_sec", "write_bytes_per_sec")) {
                assertThat(d(disk, f)).isGreaterThanOrEqualTo(0.0);
            }
            assertThat(d(disk, "busy_ratio")).isBetween(0.0, 1.0);
        }
    }

    @Test
    void networkRatesMeasureRealTraffic() throws Exception {
        HostMetricsConfig loopbackOnly = new HostMetricsConfig(null, List.of(MetricGroup.NETWORK), null, null, null,
                null, null, null, null, List.of("lo"), List.of(), null, null);
        HostSampler sampler = HostSampler.create(loopbackOnly, LoggerFactory.getLogger("test"));
        int bytes = 4 * 1024 * 1024;
        long begin = System.nanoTime();
        Sample before = sampler.sample().get(0);
        sendOverLoopback(bytes);
        Sample after = sampler.sample().get(0);
        double upperSeconds = (System.nanoTime() - begin) / 1e9;

        assertThat(l(after, "bytes_recv") - l(before, "bytes_recv")).isGreaterThanOrEqualTo(bytes);
        assertThat(l(after, "packets_recv")).isGreaterThan(l(before, "packets_recv"));
        // The rate is the delta over the time between the two readings, which is at most upperSeconds.
        assertThat(d(after, "bytes_recv_per_sec")).isGreaterThanOrEqualTo(bytes / upperSeconds);
        assertThat(d(after, "bytes_sent_per_sec")).isGreaterThanOrEqualTo(bytes / upperSeconds);
    }

    private static void sendOverLoopback(int bytes) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            Thread writer = new Thread(() -> {
                try {
                    client.getOutputStream().write(new byte[bytes]);
                    client.shutdownOutput();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            for (int n; (n = accepted.getInputStream().read(buffer)) > 0; ) {
                read += n;
            }
            writer.join(10_000);
            assertThat(read).isEqualTo(bytes);
        }
    }

    @Test
    void defaultsSkipLoopbackAndPseudoFileSystems() {
        HostSampler sampler = HostSampler.create(HostMetricsConfig.defaults(), LoggerFactory.getLogger("test"));
        List<Sample> samples = sampler.sample();
        assertThat(of(samples, MetricGroup.NETWORK)).extracting(s -> s.tags().get("interface")).doesNotContain("lo");
        assertThat(of(samples, MetricGroup.FILESYSTEM)).extracting(s -> s.tags().get("fstype"))
                .doesNotContainAnyElementsOf(HostMetricsConfig.DEFAULT_EXCLUDED_FS_TYPES);
        List<MetricGroup> groups = new ArrayList<>(samples.stream().map(Sample::group).distinct().toList());
        assertThat(groups).as("the first sample has no CPU deltas yet")
                .contains(MetricGroup.LOAD, MetricGroup.MEMORY, MetricGroup.SWAP).doesNotContain(MetricGroup.CPU);
    }

    @Test
    void onlyTheConfiguredGroupsAreSampled() {
        HostMetricsConfig memoryOnly = new HostMetricsConfig(null, List.of(MetricGroup.MEMORY, MetricGroup.LOAD),
                null, null, null, null, null, null, null, null, null, null, null);
        List<Sample> samples = HostSampler.create(memoryOnly, LoggerFactory.getLogger("test")).sample();
        assertThat(samples).extracting(Sample::group).containsExactlyInAnyOrder(MetricGroup.MEMORY, MetricGroup.LOAD);
        assertThat(samples).allSatisfy(s -> assertThat(s.tags()).isEqualTo(Map.of()));
    }
}
