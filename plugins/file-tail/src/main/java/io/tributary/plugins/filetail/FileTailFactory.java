package io.tributary.plugins.filetail;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugin.api.SourceFactory;
import io.tributary.plugins.filetail.internal.ConfigChecks;
import io.tributary.plugins.filetail.internal.NanoClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code file-tail} source type: tails log files matched by globs (see the module README). */
public final class FileTailFactory implements SourceFactory<FileTailConfig> {
    static final int MAX_FINGERPRINT_BYTES = 64 * 1024;
    static final DataSize MAX_EVENT_BYTES_LIMIT = DataSize.ofMiB(64);
    static final DataSize MIN_READ_BUFFER = DataSize.ofKiB(4);
    static final DataSize MAX_READ_BUFFER = DataSize.ofMiB(16);

    @Override
    public String type() {
        return "file-tail";
    }

    @Override
    public Class<FileTailConfig> configType() {
        return FileTailConfig.class;
    }

    @Override
    public String description() {
        return "tails log files matched by globs, across rotation and restarts";
    }

    @Override
    public List<ConfigError> validate(FileTailConfig c) {
        List<ConfigError> errors = new ArrayList<>();
        if (c.paths().isEmpty()) {
            errors.add(new ConfigError("paths", "at least one path pattern is required, e.g. [/var/log/nginx/*.log]"));
        }
        for (int i = 0; i < c.paths().size(); i++) {
            String problem = ConfigChecks.pathPatternProblem(c.paths().get(i));
            if (problem != null) {
                errors.add(new ConfigError("paths[" + i + "]", problem));
            }
        }
        for (int i = 0; i < c.exclude().size(); i++) {
            String problem = ConfigChecks.excludeProblem(c.exclude().get(i));
            if (problem != null) {
                errors.add(new ConfigError("exclude[" + i + "]", problem));
            }
        }
        positive(errors, "scan-interval", c.scanInterval());
        positive(errors, "poll-interval", c.pollInterval());
        if (c.rotateWait().isNegative()) {
            errors.add(new ConfigError("rotate-wait", "must be >= 0, got " + c.rotateWait()));
        }
        if (c.fingerprintBytes() < 1 || c.fingerprintBytes() > MAX_FINGERPRINT_BYTES) {
            errors.add(new ConfigError("fingerprint-bytes", "must be 1.." + MAX_FINGERPRINT_BYTES + ", got " + c.fingerprintBytes()));
        }
        if (c.maxOpenFiles() < 1) {
            errors.add(new ConfigError("max-open-files", "must be >= 1, got " + c.maxOpenFiles()));
        }
        if (c.maxEventBytes().bytes() < 1 || c.maxEventBytes().bytes() > MAX_EVENT_BYTES_LIMIT.bytes()) {
            errors.add(new ConfigError("max-event-bytes", "must be 1.." + MAX_EVENT_BYTES_LIMIT + ", got " + c.maxEventBytes()));
        }
        if (c.readBufferSize().bytes() < MIN_READ_BUFFER.bytes() || c.readBufferSize().bytes() > MAX_READ_BUFFER.bytes()) {
            errors.add(new ConfigError("read-buffer-size", "must be " + MIN_READ_BUFFER + ".." + MAX_READ_BUFFER
                    + ", got " + c.readBufferSize()));
        }
        if (c.multiline().startPattern() != null) {
            String problem = ConfigChecks.regexProblem(c.multiline().startPattern());
            if (problem != null) {
                errors.add(new ConfigError("multiline.start-pattern", problem));
            }
        }
        positive(errors, "multiline.timeout", c.multiline().timeout());
        return errors;
    }

    private static void positive(List<ConfigError> errors, String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            errors.add(new ConfigError(key, "must be > 0, got " + d));
        }
    }

    @Override
    public Source create(FileTailConfig config, SourceContext context) {
        return new FileTailSource(config, context, NanoClock.SYSTEM);
    }
}
