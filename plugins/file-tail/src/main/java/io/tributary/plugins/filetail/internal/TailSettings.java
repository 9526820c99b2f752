package io.tributary.plugins.filetail.internal;

import io.tributary.plugins.filetail.FileTailConfig;
import io.tributary.plugins.filetail.StartAt;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated {@link FileTailConfig} in the units the tailer works with.
 *
 * @param multilineStart {@code null} when multiline is off
 */
record TailSettings(List<String> paths, List<String> exclude, StartAt startAt, long scanIntervalNanos,
                    long pollIntervalNanos, long rotateWaitNanos, int fingerprintBytes, int maxOpenFiles,
                    int maxEventBytes, int readBufferSize, Pattern multilineStart, long multilineTimeoutNanos,
                    boolean watch) {

    static TailSettings of(FileTailConfig c) {
        return new TailSettings(c.paths(), c.exclude(), c.startAt(), c.scanInterval().toNanos(),
                c.pollInterval().toNanos(), c.rotateWait().toNanos(), c.fingerprintBytes(), c.maxOpenFiles(),
                c.maxEventBytes().bytesAsInt(), c.readBufferSize().bytesAsInt(),
                c.multiline().enabled() ? Pattern.compile(c.multiline().startPattern()) : null,
                c.multiline().timeout().toNanos(), c.watch());
    }
}
