package io.tributary.broker.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.record.internal.BaseRecords;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The broker's Prometheus series (Micrometer):
 * <ul>
 *   <li>{@code tributary_broker_bytes_in_total} record bytes received in Produce requests,
 *       {@code tributary_broker_bytes_out_total} record bytes sent in Fetch responses;</li>
 *   <li>{@code tributary_broker_requests_total{api,error}} requests per API and the error their
 *       response reports (see {@link ResponseErrors}; {@code NONE} when all went well), and
 *       {@code tributary_broker_request_seconds{api}} their handling time (to the response,
 *       long-poll waits included);</li>
 *   <li>gauges {@code tributary_broker_topics}, {@code tributary_broker_partitions},
 *       {@code tributary_broker_log_size_bytes} (all live segments) and
 *       {@code tributary_broker_groups} (0 until a group coordinator registers its count);</li>
 *   <li>the JVM's memory, GC, threads, CPU and uptime.</li>
 * </ul>
 * Thread-safe: counters are updated from every event loop, gauges read on scrape.
 */
public final class BrokerMetrics implements RequestObserver, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Map<ApiKeys, Timer> latency = new ConcurrentHashMap<>();
    private final Map<ApiKeys, Map<Errors, Counter>> requests = new ConcurrentHashMap<>();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private volatile IntSupplier groupCount = () -> 0;

    public BrokerMetrics(LogManager logs) {
        bytesIn = Counter.builder("tributary.broker.bytes.in")
                .description("Record bytes received in Produce requests").register(registry);
        bytesOut = Counter.builder("tributary.broker.bytes.out")
                .description("Record bytes sent in Fetch responses").register(registry);
        Gauge.builder("tributary.broker.topics", logs, l -> l.topics().size())
                .description("Topics").register(registry);
        Gauge.builder("tributary.broker.partitions", logs, l -> l.topics().stream().mapToInt(Topic::partitionCount).sum())
                .description("Partitions of all topics").register(registry);
        Gauge.builder("tributary.broker.log.size", logs, BrokerMetrics::logSize).baseUnit("bytes")
                .description("Bytes in the live log segments of all partitions").register(registry);
        Gauge.builder("tributary.broker.groups", this, m -> m.groupCount.getAsInt())
                .description("Consumer groups the coordinator knows").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Where {@code tributary_broker_groups} comes from; the group coordinator sets it when it starts. */
    public void groupCount(IntSupplier supplier) {
        groupCount = supplier;
    }

    @Override
    public void completed(ApiKeys api, AbstractRequest request, ApiMessage response, Throwable error, long nanos) {
        Errors outcome = error != null ? Errors.forException(error) : ResponseErrors.of(response);
        requests.computeIfAbsent(api, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, e -> Counter.builder("tributary.broker.requests")
                        .description("Requests by API and the error their response reports")
                        .tag("api", api.name).tag("error", e.name()).register(registry))
                .increment();
        latency.computeIfAbsent(api, k -> Timer.builder("tributary.broker.request")
                        .description("Time from a request's arrival to its response").tag("api", k.name).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (request instanceof ProduceRequest produce) {
            bytesIn.increment(produce.data().topicData().stream().flatMap(t -> t.partitionData().stream())
                    .mapToLong(p -> size(p.records())).sum());
        } else if (response instanceof FetchResponseData fetch) {
            bytesOut.increment(fetch.responses().stream().flatMap(t -> t.partitions().stream())
                    .mapToLong(p -> size(p.records())).sum());
        }
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        return registry.scrape();
    }

    private static long size(BaseRecords records) {
        return records == null ? 0 : records.sizeInBytes();
    }

    private static double logSize(LogManager logs) {
        long total = 0;
        for (Topic topic : logs.topics()) {
            for (PartitionLog partition : topic.partitions()) {
                total += partition.sizeInBytes();
            }
        }
        return total;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
