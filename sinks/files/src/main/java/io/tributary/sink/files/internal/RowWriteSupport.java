package io.tributary.sink.files.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.Mapping;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the rows of {@link io.tributary.sink.mapping.internal.RowExtractor} (one typed Java value
 * or null per column: String, Long, Integer, Double, Boolean, Instant; JSON as its text) as
 * records of {@link ParquetSchemas#of}. Null values are left out (OPTIONAL columns).
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
    private final List<ColumnSpec> columns;
    private final MessageType schema;
    private RecordConsumer consumer;

    RowWriteSupport(Mapping mapping, MessageType schema) {
        this.columns = mapping.columns();
        this.schema = schema;
    }

    /** Hadoop's entry point: never called, the writer is built with a {@link ParquetConfiguration}. */
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        throw new UnsupportedOperationException("the files sink writes Parquet without Hadoop");
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of("writer.model.name", "tributary"));
    }

    @Override
    public String getName() {
        return "tributary";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            ColumnSpec column = columns.get(i);
            consumer.startField(column.name(), i);
            switch (column.type()) {
                case STRING, JSON -> consumer.addBinary(Binary.fromString((String) value));
                case LONG -> consumer.addLong(((Number) value).longValue());
                case INT -> consumer.addInteger(((Number) value).intValue());
                case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case TIMESTAMP -> consumer.addLong(micros((Instant) value));
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
