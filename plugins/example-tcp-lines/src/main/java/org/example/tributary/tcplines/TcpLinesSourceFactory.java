package org.example.tributary.tcplines;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import java.util.List;

/**
 * The plugin's entry point, registered in
 * {@code META-INF/services/io.tributary.plugin.api.SourceFactory}. The agent finds it there,
 * binds a source entry with {@code type: tcp-lines} to {@link TcpLinesConfig}, calls
 * {@link #validate} and then {@link #create}. It needs a public no-argument constructor.
 */
public final class TcpLinesSourceFactory implements SourceFactory<TcpLinesConfig> {
    @Override
    public String type() {
        return "tcp-lines";
    }

    @Override
    public Class<TcpLinesConfig> configType() {
        return TcpLinesConfig.class;
    }

    @Override
    public List<ConfigError> validate(TcpLinesConfig config) {
        return config.validate();
    }

    @Override
    public Source create(TcpLinesConfig config, SourceContext context) {
        return new TcpLinesSource(config, context);
    }

    @Override
    public String description() {
        return "Example plugin: each line received on a TCP port becomes an event";
    }
}
