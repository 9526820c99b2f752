package io.tributary.sink.duckdb;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkFactory;
import io.tributary.sink.duckdb.internal.DuckDbAppenderWriter;
import io.tributary.sink.jdbc.ConfigWrapper;
import io.tributary.sink.jdbc.JdbcSinkConfig;
import io.tributary.sink.jdbc.internal.Dialect;
import io.tributary.sink.jdbc.internal.JdbcSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code type: duckdb}: an embedded DuckDB database file, loaded by DuckDB's own read_json
 * (pass-through mappings) or its appender.
 * DuckDB allows one writing process per file: run one sink process per database (no group
 * sharing across processes). See README.md.
 */
public final class DuckDbSinkFactory implements SinkFactory<DuckDbSinkFactory.Config> {

    /** Same keys as {@link JdbcSinkConfig}; the URL must be {@code jdbc:duckdb:<file>}. */
    public static final class Config extends ConfigWrapper {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public Config(JdbcSinkConfig jdbc) {
            super(jdbc);
        }

        @Override
        public void validate() {
            super.validate();
            if (!jdbc().url().startsWith("jdbc:duckdb:")) {
                throw new IllegalArgumentException("url: type duckdb needs a jdbc:duckdb:<file> URL, got '" + jdbc().url() + "'");
            }
            if (jdbc().url().equals("jdbc:duckdb:") || jdbc().url().contains(":memory:")) {
                throw new IllegalArgumentException("url: an in-memory DuckDB loses everything at exit; give a file (jdbc:duckdb:data/warehouse.duckdb)");
            }
        }
    }

    @Override
    public String type() {
        return "duckdb";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String defaultName(Config config) {
        return config.jdbc().table();
    }

    @Override
    public Sink create(Config config) {
        Path file = Path.of(config.jdbc().url().substring("jdbc:duckdb:".length()).replaceFirst("\\?.*", ""));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return new JdbcSink(config.jdbc(), Dialect.DUCKDB, new DuckDbAppenderWriter(folder, true), Clock.systemUTC());
    }
}
