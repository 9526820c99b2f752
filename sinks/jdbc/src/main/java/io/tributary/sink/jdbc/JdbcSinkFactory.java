package io.tributary.sink.jdbc;

import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkFactory;
import io.tributary.sink.jdbc.internal.BatchInsertWriter;
import io.tributary.sink.jdbc.internal.Dialect;
import io.tributary.sink.jdbc.internal.JdbcSink;

import java.time.Clock;

/**
 * {@code type: jdbc}: any database with a JDBC driver on the class path, through batched
 * INSERTs (tested on MariaDB; the MariaDB/MySQL driver ships with Tributary). Column types come
 * from the dialect the URL names (mariadb/mysql, postgresql, duckdb, else ANSI).
 */
public final class JdbcSinkFactory implements SinkFactory<JdbcSinkConfig> {
    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Class<JdbcSinkConfig> configType() {
        return JdbcSinkConfig.class;
    }

    @Override
    public String defaultName(JdbcSinkConfig config) {
        return config.table();
    }

    @Override
    public Sink create(JdbcSinkConfig config) {
        Dialect dialect = Dialect.forUrl(config.url());
        return new JdbcSink(config, dialect, new BatchInsertWriter(dialect), Clock.systemUTC());
    }
}
