package io.tributary.broker.internal.api;

import io.tributary.broker.internal.log.LogConfig;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A topic's effective configuration as Kafka's admin APIs describe it. */
final class TopicConfigs {
    /** Settings broker-lite reports but does not let a topic change. */
    private static final Map<String, String> FIXED = Map.of(
            "cleanup.policy", "delete",
            "compression.type", "producer",
            "message.timestamp.type", "CreateTime",
            "min.insync.replicas", "1");

    private TopicConfigs() {
    }

    /**
     * @param overridden keys the topic sets itself (reported with source TOPIC_CONFIG)
     * @param only       keys to report, or null for all
     */
    static List<DescribeConfigsResourceResult> describe(LogConfig config, Set<String> overridden, Collection<String> only) {
        Map<String, String> all = new TreeMap<>(config.toKafkaConfigs());
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        all.forEach((name, value) -> {
            if (only == null || only.contains(name)) {
                out.add(entry(name, value, false, overridden.contains(name)
                        ? DescribeConfigsResponse.ConfigSource.TOPIC_CONFIG : DescribeConfigsResponse.ConfigSource.DEFAULT_CONFIG,
                        DescribeConfigsResponse.ConfigType.LONG));
            }
        });
        new TreeMap<>(FIXED).forEach((name, value) -> {
            if (only == null || only.contains(name)) {
                out.add(entry(name, value, true, DescribeConfigsResponse.ConfigSource.DEFAULT_CONFIG,
                        DescribeConfigsResponse.ConfigType.STRING));
            }
        });
        return out;
    }

    static DescribeConfigsResourceResult entry(String name, String value, boolean readOnly,
                                               DescribeConfigsResponse.ConfigSource source, DescribeConfigsResponse.ConfigType type) {
        return new DescribeConfigsResourceResult().setName(name).setValue(value).setReadOnly(readOnly)
                .setConfigSource(source.id()).setIsSensitive(false).setConfigType(type.id());
    }
}
