package io.tributary.broker.internal.api;

import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListOffsets: earliest (-2, and -4 earliest-local), latest (-1, and -5 latest-tiered, which are
 * the same on a broker without tiered storage), max timestamp (-3), and by timestamp: the
 * earliest offset whose timestamp is at or after the target, or -1 if there is none.
 */
public final class ListOffsetsHandler implements ApiHandler {
    private final LogManager logs;

    public ListOffsetsHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        ListOffsetsRequestData req = ((ListOffsetsRequest) request).data();
        short version = context.apiVersion();
        ListOffsetsResponseData resp = new ListOffsetsResponseData();
        for (ListOffsetsRequestData.ListOffsetsTopic t : req.topics()) {
            ListOffsetsResponseData.ListOffsetsTopicResponse tr = new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(t.name());
            Topic topic = logs.topic(t.name()).orElse(null);
            for (ListOffsetsRequestData.ListOffsetsPartition p : t.partitions()) {
                ListOffsetsPartitionResponse pr = new ListOffsetsPartitionResponse().setPartitionIndex(p.partitionIndex());
                PartitionLog partition = topic == null ? null : topic.partition(p.partitionIndex());
                if (partition == null) {
                    pr.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).setOffset(-1).setTimestamp(-1);
                } else {
                    lookup(partition, p.timestamp(), pr);
                    if (version >= 4) {
                        pr.setLeaderEpoch(0);
                    }
                }
                tr.partitions().add(pr);
            }
            resp.topics().add(tr);
        }
        return CompletableFuture.completedFuture(resp);
    }

    private static void lookup(PartitionLog partition, long target, ListOffsetsPartitionResponse pr) {
        pr.setTimestamp(-1);
        if (target == ListOffsetsRequest.EARLIEST_TIMESTAMP || target == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            pr.setOffset(partition.logStartOffset());
        } else if (target == ListOffsetsRequest.LATEST_TIMESTAMP || target == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP) {
            pr.setOffset(partition.logEndOffset());
        } else if (target == ListOffsetsRequest.MAX_TIMESTAMP) {
            set(partition.maxTimestampAndOffset(), pr);
        } else if (target >= 0) {
            set(partition.offsetForTimestamp(target), pr);
        } else {
            pr.setErrorCode(Errors.INVALID_REQUEST.code()).setOffset(-1);
        }
    }

    private static void set(Optional<FileRecords.TimestampAndOffset> found, ListOffsetsPartitionResponse pr) {
        if (found.isPresent()) {
            pr.setOffset(found.get().offset).setTimestamp(found.get().timestamp);
        } else {
            pr.setOffset(-1);
        }
    }
}
