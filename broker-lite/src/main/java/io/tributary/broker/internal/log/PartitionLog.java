package io.tributary.broker.internal.log;
import java.nio.file.Path; import java.time.Clock; import java.util.Optional;
import org.apache.kafka.common.TopicPartition; import org.apache.kafka.common.record.internal.*;
public final class PartitionLog {
  public static PartitionLog open(Path dir, TopicPartition tp, LogConfig c, Clock clock) { return null; }
  public AppendResult append(MemoryRecords r) { return null; }
  public LogReadResult read(long o, int max, boolean one) { return null; }
  public long logStartOffset() { return 0; } public long logEndOffset() { return 0; }
  public Optional<FileRecords.TimestampAndOffset> offsetForTimestamp(long ts) { return Optional.empty(); }
  public Optional<FileRecords.TimestampAndOffset> maxTimestampAndOffset() { return Optional.empty(); }
  public int enforceRetention() { return 0; } public boolean flushIfDue(long now) { return false; } public void deleteExpiredFiles() {}
  public void close() {} public void deleteLog() {}
}
