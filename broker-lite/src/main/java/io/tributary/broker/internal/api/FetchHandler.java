package io.tributary.broker.internal.api;

import io.tributary.broker.internal.log.LogReadResult;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.topic.LogManager;
import io.tributary.broker.internal.topic.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.FetchRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Fetch: reads whole batches from each partition's log as file slices (sent with sendfile),
 * honouring the request's maxBytes and each partition's maxBytes (the first non-empty partition
 * always gets at least one batch, as in KIP-74). If fewer than minBytes are available, the fetch
 * waits (long poll) until enough data arrives or maxWaitMs passes; see {@link DelayedFetch}.
 * Fetch sessions (KIP-227) are not offered: every response carries session id 0, which makes
 * clients send full fetch requests.
 */
public final class FetchHandler implements ApiHandler {
    private final LogManager logs;

    public FetchHandler(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        FetchRequestData req = ((FetchRequest) request).data();
        short version = context.apiVersion();
        Read first = read(req, version);
        if (first.bytes >= req.minBytes() || req.maxWaitMs() <= 0 || first.failed || first.watched.isEmpty()) {
            return CompletableFuture.completedFuture(first.response);
        }
        DelayedFetch delayed = new DelayedFetch(context.executor(), logs.watchers(), first.watched,
                () -> read(req, version), req.minBytes());
        return delayed.start(req.maxWaitMs());
    }

    /** One pass over the requested partitions. */
    static final class Read {
        final FetchResponseData response = new FetchResponseData();
        final List<TopicPartition> watched = new ArrayList<>();
        int bytes;
        boolean failed;
    }

    Read read(FetchRequestData req, short version) {
        Read read = new Read();
        int remaining = req.maxBytes();
        for (FetchRequestData.FetchTopic ft : req.topics()) {
            FetchResponseData.FetchableTopicResponse tr = new FetchResponseData.FetchableTopicResponse();
            Topic topic;
            Errors missing;
            if (version >= 13) {
                tr.setTopicId(ft.topicId());
                topic = logs.topic(ft.topicId()).orElse(null);
                missing = Errors.UNKNOWN_TOPIC_ID;
            } else {
                tr.setTopic(ft.topic());
                topic = logs.topic(ft.topic()).orElse(null);
                missing = Errors.UNKNOWN_TOPIC_OR_PARTITION;
            }
            for (FetchRequestData.FetchPartition fp : ft.partitions()) {
                PartitionData pd = new PartitionData().setPartitionIndex(fp.partition()).setRecords(MemoryRecords.EMPTY);
                PartitionLog partition = topic == null ? null : topic.partition(fp.partition());
                if (partition == null) {
                    pd.setErrorCode((topic == null ? missing : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
                    read.failed = true;
                } else {
                    read.watched.add(new TopicPartition(topic.name(), fp.partition()));
                    remaining -= readPartition(partition, fp, Math.min(fp.partitionMaxBytes(), Math.max(remaining, 0)),
                            read, pd, version);
                }
                tr.partitions().add(pd);
            }
            read.response.responses().add(tr);
        }
        return read;
    }

    private static int readPartition(PartitionLog partition, FetchRequestData.FetchPartition fp, int maxBytes,
                                     Read read, PartitionData pd, short version) {
        try {
            LogReadResult result = partition.read(fp.fetchOffset(), maxBytes, read.bytes == 0);
            int size = result.records().sizeInBytes();
            pd.setHighWatermark(result.highWatermark()).setLastStableOffset(result.highWatermark()).setRecords(result.records());
            if (version >= 5) {
                pd.setLogStartOffset(result.logStartOffset());
            }
            read.bytes += size;
            return size;
        } catch (OffsetOutOfRangeException e) {
            pd.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code())
                    .setHighWatermark(partition.logEndOffset()).setLastStableOffset(partition.logEndOffset());
            if (version >= 5) {
                pd.setLogStartOffset(partition.logStartOffset());
            }
            read.failed = true;
            return 0;
        }
    }
}
