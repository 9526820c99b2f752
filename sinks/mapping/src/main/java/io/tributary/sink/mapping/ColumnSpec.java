package io.tributary.sink.mapping;

/**
 * One column of a mapping.
 *
 * @param name     column name ({@code [A-Za-z_][A-Za-z0-9_]*})
 * @param path     where the value comes from: a JSON path into the event ({@code $.a.b}, {@code $.list[0]}),
 *                 or record metadata: {@code @topic}, {@code @partition}, {@code @offset}, {@code @timestamp}
 * @param type     the column type
 * @param required a record without this value is rejected (dead letters) instead of storing NULL
 */
public record ColumnSpec(String name, String path, ColumnType type, boolean required) {
}
