package io.tributary.sink.files.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.Mapping;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a mapping: one flat column per mapped column, in mapping order.
 * {@code string} → BINARY (STRING), {@code json} → BINARY (JSON), {@code long} → INT64,
 * {@code int} → INT32, {@code double} → DOUBLE, {@code boolean} → BOOLEAN, {@code timestamp} →
 * INT64 TIMESTAMP(MICROS, UTC). Required columns are REQUIRED, the others OPTIONAL (null = absent).
 */
final class ParquetSchemas {
    private ParquetSchemas() {
    }

    static MessageType of(Mapping mapping) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ColumnSpec column : mapping.columns()) {
            Type.Repetition repetition = column.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            Type field = switch (column.type()) {
                case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case JSON -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType()).named(column.name());
                case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(column.name());
            };
            message.addField(field);
        }
        return message.named("event");
    }
}
