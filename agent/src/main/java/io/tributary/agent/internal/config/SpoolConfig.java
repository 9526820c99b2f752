package io.tributary.agent.internal.config;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import java.util.ArrayList;
import java.util.List;

/** The {@code spool:} section: the on-disk buffer for non-replayable sources while the broker is unreachable. */
public record SpoolConfig(
        @ConfigDoc(value = "most bytes on disk; further events are dropped, counted and logged", defaultValue = "256MiB")
        DataSize maxBytes,
        @ConfigDoc(value = "size of one spool file; a file is deleted once all its events are acknowledged", defaultValue = "4MiB")
        DataSize segmentBytes) {

    public SpoolConfig {
        maxBytes = maxBytes == null ? DataSize.ofMiB(256) : maxBytes;
        segmentBytes = segmentBytes == null ? DataSize.ofMiB(4) : segmentBytes;
    }

    public List<ConfigError> validate() {
        List<ConfigError> errors = new ArrayList<>();
        if (segmentBytes.bytes() < 4096 || segmentBytes.bytes() > Integer.MAX_VALUE) {
            errors.add(new ConfigError("spool.segment-bytes", "must be between 4KiB and 2GiB, got " + segmentBytes));
        }
        if (maxBytes.bytes() < segmentBytes.bytes()) {
            errors.add(new ConfigError("spool.max-bytes", "must be >= spool.segment-bytes (" + segmentBytes + "), got " + maxBytes));
        }
        return errors;
    }
}
