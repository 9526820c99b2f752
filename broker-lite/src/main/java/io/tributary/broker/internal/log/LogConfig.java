package io.tributary.broker.internal.log;
import java.util.*;
public record LogConfig(long segmentBytes) {
  public static LogConfig defaults() { return new LogConfig(1); }
  public LogConfig withOverrides(Map<String,String> m) { return this; }
  public Map<String,String> toKafkaConfigs() { return Map.of(); }
}
