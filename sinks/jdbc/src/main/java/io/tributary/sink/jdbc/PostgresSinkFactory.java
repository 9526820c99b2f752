package io.tributary.sink.jdbc;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tributary.sink.api.Sink;
import io.tributary.sink.api.SinkFactory;
import io.tributary.sink.jdbc.internal.Dialect;
import io.tributary.sink.jdbc.internal.JdbcSink;
import io.tributary.sink.jdbc.internal.PostgresCopyWriter;

import java.time.Clock;

/** {@code type: postgres}: PostgreSQL through {@code COPY} (pgjdbc CopyManager). See README.md. */
public final class PostgresSinkFactory implements SinkFactory<PostgresSinkFactory.Config> {

    /** Same keys as {@link JdbcSinkConfig}; the URL must be a PostgreSQL one. */
    public static final class Config extends ConfigWrapper {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public Config(JdbcSinkConfig jdbc) {
            super(jdbc);
        }

        @Override
        public void validate() {
            super.validate();
            if (!jdbc().url().startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("url: type postgres needs a jdbc:postgresql:// URL, got '" + jdbc().url()
                        + "' (use type: jdbc for other databases)");
            }
        }
    }

    @Override
    public String type() {
        return "postgres";
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
        return new JdbcSink(config.jdbc(), Dialect.POSTGRES, new PostgresCopyWriter(), Clock.systemUTC());
    }
}
