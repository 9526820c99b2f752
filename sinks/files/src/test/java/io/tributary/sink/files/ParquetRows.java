package io.tributary.sink.files;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a published Parquet file back with parquet-java's reader. Its read options still load
 * Hadoop classes (hadoop-client-api is on the test class path, never on the sink's); pages are
 * inflated by {@link GzipDecompression}, the JDK's gzip, independent of the sink's compressor.
 */
final class ParquetRows {
    private ParquetRows() {
    }

    static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader reader = open(file)) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    /** Every row as column name → Long / Integer / Double / Boolean / String; absent (null) columns left out. */
    static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ParquetFileReader reader = open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            PageReadStore group;
            while ((group = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(group, new GroupRecordConverter(schema));
                for (long i = 0; i < group.getRowCount(); i++) {
                    rows.add(toMap(records.read(), schema));
                }
            }
        }
        return rows;
    }

    static List<Map<String, Object>> readAll(List<Path> files) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(read(f));
        }
        return all;
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new GzipDecompression()).build());
    }

    private static Map<String, Object> toMap(Group g, MessageType schema) {
        Map<String, Object> row = new HashMap<>();
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (g.getFieldRepetitionCount(name) == 0) {
                continue;
            }
            row.put(name, switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                case INT64 -> g.getLong(name, 0);
                case INT32 -> g.getInteger(name, 0);
                case DOUBLE -> g.getDouble(name, 0);
                case BOOLEAN -> g.getBoolean(name, 0);
                case BINARY -> g.getString(name, 0);
                default -> throw new IllegalStateException("unexpected column type " + field);
            });
        }
        return row;
    }
}
