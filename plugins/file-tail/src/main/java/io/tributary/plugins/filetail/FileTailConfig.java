package io.tributary.plugins.filetail;

import io.tributary.plugin.api.ConfigDoc;
import io.tributary.plugin.api.DataSize;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of a {@code file-tail} source (the YAML keys are the kebab-case component
 * names). {@code null} components get their defaults, so a config made in Java behaves like
 * one bound from YAML with keys left out; {@link FileTailFactory#validate} checks the values.
 */
public record FileTailConfig(
        @ConfigDoc("Files to tail: absolute glob patterns; * ? [abc] {a,b} match within a name, ** across directories (also none)")
        List<String> paths,
        @ConfigDoc(value = "Files not to tail: globs matched against the file name (e.g. '*.gz'), or the whole path when they contain '/'", defaultValue = "[]")
        List<String> exclude,
        @ConfigDoc(value = "Where to start in a file with no saved position that exists at start: beginning or end; files appearing later are always read from the beginning", defaultValue = "beginning")
        StartAt startAt,
        @ConfigDoc(value = "How often the globs are expanded again to find new, renamed and deleted files", defaultValue = "1s")
        Duration scanInterval,
        @ConfigDoc(value = "How often open files that were read to their end are checked for new data; after 5 s without new data in any file, at most once a second until data comes again", defaultValue = "250ms")
        Duration pollInterval,
        @ConfigDoc(value = "How long a file renamed away from the globs is kept open after its last new data (writers may still append before they reopen); deleted files are closed as soon as they are read to their end", defaultValue = "5s")
        Duration rotateWait,
        @ConfigDoc(value = "How many leading bytes identify a file beside its device+inode, so a reused inode is not mistaken for the old file (1..65536)", defaultValue = "1024")
        Integer fingerprintBytes,
        @ConfigDoc(value = "Most files held open at once; more matching files wait and take turns with files that were read to their end", defaultValue = "100")
        Integer maxOpenFiles,
        @ConfigDoc(value = "Largest event in bytes as read (a line, or joined multiline event): the rest is dropped and the event gets attribute truncated=true", defaultValue = "256KiB")
        DataSize maxEventBytes,
        @ConfigDoc(value = "Size of each read from a file (4KiB..16MiB)", defaultValue = "64KiB")
        DataSize readBufferSize,
        @ConfigDoc(value = "Joining lines into multiline events (e.g. stack traces); off unless start-pattern is set", defaultValue = "off")
        Multiline multiline,
        @ConfigDoc(value = "Notice files created, renamed in or deleted in the matched directories at once (Linux inotify) rather than at the next scan; false = the scan alone (e.g. on a network filesystem, where changes made by other hosts send no notification)", defaultValue = "true")
        Boolean watch) {

    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_ROTATE_WAIT = Duration.ofSeconds(5);
    public static final int DEFAULT_FINGERPRINT_BYTES = 1024;
    public static final int DEFAULT_MAX_OPEN_FILES = 100;
    public static final DataSize DEFAULT_MAX_EVENT_BYTES = DataSize.ofKiB(256);
    public static final DataSize DEFAULT_READ_BUFFER_SIZE = DataSize.ofKiB(64);

    public FileTailConfig {
        paths = paths == null ? List.of() : List.copyOf(paths);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        startAt = startAt == null ? StartAt.BEGINNING : startAt;
        scanInterval = scanInterval == null ? DEFAULT_SCAN_INTERVAL : scanInterval;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        rotateWait = rotateWait == null ? DEFAULT_ROTATE_WAIT : rotateWait;
        fingerprintBytes = fingerprintBytes == null ? DEFAULT_FINGERPRINT_BYTES : fingerprintBytes;
        maxOpenFiles = maxOpenFiles == null ? DEFAULT_MAX_OPEN_FILES : maxOpenFiles;
        maxEventBytes = maxEventBytes == null ? DEFAULT_MAX_EVENT_BYTES : maxEventBytes;
        readBufferSize = readBufferSize == null ? DEFAULT_READ_BUFFER_SIZE : readBufferSize;
        multiline = multiline == null ? Multiline.OFF : multiline;
        watch = watch == null ? Boolean.TRUE : watch;
    }

    /** Defaults for everything but {@code paths}. */
    public static FileTailConfig of(List<String> paths) {
        return new FileTailConfig(paths, null, null, null, null, null, null, null, null, null, null, null);
    }

    public FileTailConfig withExclude(List<String> v) {
        return new FileTailConfig(paths, v, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withStartAt(StartAt v) {
        return new FileTailConfig(paths, exclude, v, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withScanInterval(Duration v) {
        return new FileTailConfig(paths, exclude, startAt, v, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withPollInterval(Duration v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, v, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withRotateWait(Duration v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, v, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withFingerprintBytes(int v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, v,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withMaxOpenFiles(int v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                v, maxEventBytes, readBufferSize, multiline, watch);
    }

    public FileTailConfig withMaxEventBytes(DataSize v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, v, readBufferSize, multiline, watch);
    }

    public FileTailConfig withReadBufferSize(DataSize v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, v, multiline, watch);
    }

    public FileTailConfig withMultiline(Multiline v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, v, watch);
    }

    public FileTailConfig withWatch(boolean v) {
        return new FileTailConfig(paths, exclude, startAt, scanInterval, pollInterval, rotateWait, fingerprintBytes,
                maxOpenFiles, maxEventBytes, readBufferSize, multiline, v);
    }

    /**
     * Multiline events: a line matching {@code startPattern} starts a new event, every other
     * line is appended to the current one.
     */
    public record Multiline(
            @ConfigDoc(value = "Regular expression (Java syntax, searched in the line) that marks the first line of an event, e.g. '^\\d{4}-\\d{2}-\\d{2}'; unset = one event per line", defaultValue = "unset")
            String startPattern,
            @ConfigDoc(value = "A held multiline event is sent when no line was added to it for this long", defaultValue = "1s")
            Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
        public static final Multiline OFF = new Multiline(null, null);

        public Multiline {
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }

        public static Multiline startPattern(String regex) {
            return new Multiline(regex, null);
        }

        public boolean enabled() {
            return startPattern != null && !startPattern.isEmpty();
        }
    }
}
