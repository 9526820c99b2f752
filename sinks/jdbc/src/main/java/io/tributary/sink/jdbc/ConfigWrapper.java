package io.tributary.sink.jdbc;

import io.tributary.sink.api.SinkConfig;

/** A sink type's config that is a {@link JdbcSinkConfig} plus type-specific checks. */
public abstract class ConfigWrapper implements SinkConfig {
    private final JdbcSinkConfig jdbc;

    protected ConfigWrapper(JdbcSinkConfig jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcSinkConfig jdbc() {
        return jdbc;
    }

    @Override
    public void validate() {
        jdbc.validate();
    }
}
