package io.tributary.broker.internal.log;
import org.apache.kafka.common.record.internal.Records;
public record LogReadResult(Records records, long highWatermark, long logStartOffset) {}
