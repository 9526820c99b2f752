package io.tributary.broker.internal.api;

import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DescribeConfigs for topics (their effective log settings, overrides marked TOPIC_CONFIG) and
 * for this broker (the defaults under Kafka's broker-level names).
 */
public final class DescribeConfigsHandler implements ApiHandler {
    /** Kafka's broker-level name of each topic-level default. */
    private static final Map<String, String> BROKER_NAMES = Map.of(
            "segment.bytes", "log.segment.bytes",
            "segment.ms", "log.roll.ms",
            "retention.ms", "log.retention.ms",
            "retention.bytes", "log.retention.bytes",
            "flush.messages", "log.flush.interval.messages",
            "flush.ms", "log.flush.interval.ms",
            "index.interval.bytes", "log.index.interval.bytes",
            "max.message.bytes", "message.max.bytes",
            "file.delete.delay.ms", "log.segment.delete.delay.ms");

    private final BrokerIdentity broker;
    private final TopicAccess topics;

    public DescribeConfigsHandler(BrokerIdentity broker, TopicAccess topics) {
        this.broker = broker;
        this.topics = topics;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        DescribeConfigsRequestData req = ((DescribeConfigsRequest) request).data();
        short version = context.apiVersion();
        DescribeConfigsResponseData resp = new DescribeConfigsResponseData();
        for (DescribeConfigsRequestData.DescribeConfigsResource r : req.resources()) {
            DescribeConfigsResponseData.DescribeConfigsResult result = new DescribeConfigsResponseData.DescribeConfigsResult()
                    .setResourceType(r.resourceType()).setResourceName(r.resourceName());
            List<DescribeConfigsResourceResult> configs = null;
            if (r.resourceType() == ConfigResource.Type.TOPIC.id()) {
                Topic topic = topics.logs().topic(r.resourceName()).orElse(null);
                if (topic == null) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                            .setErrorMessage("Topic '" + r.resourceName() + "' does not exist.");
                } else {
                    configs = TopicConfigs.describe(topic.logConfig(), topic.configOverrides().keySet(), r.configurationKeys());
                }
            } else if (r.resourceType() == ConfigResource.Type.BROKER.id()
                    && (r.resourceName().isEmpty() || r.resourceName().equals(Integer.toString(broker.nodeId())))) {
                configs = brokerConfigs(topics.logs().defaults(), r.configurationKeys());
            } else {
                result.setErrorCode(Errors.INVALID_REQUEST.code())
                        .setErrorMessage("broker-lite describes configs of topics and of broker " + broker.nodeId() + " only");
            }
            if (configs != null) {
                if (version < 3) {
                    configs.forEach(c -> c.setConfigType(DescribeConfigsResponse.ConfigType.UNKNOWN.id()));
                }
                result.setConfigs(configs);
            }
            resp.results().add(result);
        }
        return CompletableFuture.completedFuture(resp);
    }

    private List<DescribeConfigsResourceResult> brokerConfigs(LogConfig defaults, List<String> only) {
        List<DescribeConfigsResourceResult> out = new ArrayList<>();
        defaults.toKafkaConfigs().forEach((name, value) -> {
            String brokerName = BROKER_NAMES.getOrDefault(name, "log." + name);
            if (only == null || only.contains(brokerName)) {
                out.add(TopicConfigs.entry(brokerName, value, true, DescribeConfigsResponse.ConfigSource.STATIC_BROKER_CONFIG,
                        DescribeConfigsResponse.ConfigType.LONG));
            }
        });
        return out;
    }
}
