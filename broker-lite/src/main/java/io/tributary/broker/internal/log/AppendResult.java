package io.tributary.broker.internal.log;
public record AppendResult(long firstOffset, long lastOffset, long logStartOffset, boolean duplicate) {}
