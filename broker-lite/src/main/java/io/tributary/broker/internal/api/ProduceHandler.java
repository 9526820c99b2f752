package io.tributary.broker.internal.api;

import io.tributary.broker.internal.log.AppendResult;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.topic.PartitionWatchers;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Produce: appends each partition's batches to its log (validated, offsets assigned, duplicate
 * idempotent batches answered with their original offsets) and wakes long-polling fetches.
 * With acks=all the append has already been flushed as far as the flush policy asks, since a
 * single node has no replicas to wait for. acks=0 gets no response at all.
 */
public final class ProduceHandler implements ApiHandler {
    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);
    private final TopicAccess topics;
    private final PartitionWatchers watchers;

    public ProduceHandler(TopicAccess topics) {
        this.topics = topics;
        this.watchers = topics.logs().watchers();
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        ProduceRequestData req = ((ProduceRequest) request).data();
        short version = context.apiVersion();
        ProduceResponseData resp = new ProduceResponseData();
        for (ProduceRequestData.TopicProduceData td : req.topicData()) {
            ProduceResponseData.TopicProduceResponse tr = new ProduceResponseData.TopicProduceResponse();
            Topic topic = null;
            Errors topicError = Errors.NONE;
            if (version >= 13) {
                tr.setTopicId(td.topicId());
                topic = topics.logs().topic(td.topicId()).orElse(null);
                topicError = topic == null ? Errors.UNKNOWN_TOPIC_ID : Errors.NONE;
            } else {
                tr.setName(td.name());
                try {
                    topic = topics.get(td.name(), true);
                } catch (ApiException e) {
                    topicError = Errors.forException(e);
                }
            }
            for (ProduceRequestData.PartitionProduceData pd : td.partitionData()) {
                PartitionProduceResponse pr = new PartitionProduceResponse().setIndex(pd.index()).setBaseOffset(-1);
                if (topic == null) {
                    pr.setErrorCode(topicError.code());
                } else {
                    append(context, topic, pd, pr, version);
                }
                tr.partitionResponses().add(pr);
            }
            resp.responses().add(tr);
        }
        return CompletableFuture.completedFuture(req.acks() == 0 ? null : resp);
    }

    private void append(RequestContext context, Topic topic, ProduceRequestData.PartitionProduceData pd,
                        PartitionProduceResponse pr, short version) {
        PartitionLog partition = topic.partition(pd.index());
        if (partition == null) {
            pr.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
            return;
        }
        TopicPartition tp = new TopicPartition(topic.name(), pd.index());
        try {
            AppendResult result = partition.append((MemoryRecords) pd.records());
            pr.setBaseOffset(result.firstOffset());
            if (version >= 5) {
                pr.setLogStartOffset(result.logStartOffset());
            }
            if (!result.duplicate()) {
                watchers.appended(tp);
            }
        } catch (ApiException e) {
            log.warn("Rejected a produce to {} from {}: {}", tp, context.clientAddress(), e.getMessage());
            pr.setErrorCode(Errors.forException(e).code());
            if (version >= 8) {
                pr.setErrorMessage(e.getMessage());
            }
        }
    }
}
