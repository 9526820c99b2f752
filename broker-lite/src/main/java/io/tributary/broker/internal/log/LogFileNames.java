package io.tributary.broker.internal.log;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Names of the files in a partition directory.
 *
 * <p>A segment with base offset {@code B} is stored as {@code <B>.log}, {@code <B>.index} and
 * {@code <B>.timeindex}, where {@code <B>} is {@code B} zero-padded to 20 digits (Kafka's naming).
 * A segment deleted by retention is renamed to {@code <name>.deleted}; files being written atomically
 * are first written as {@code <name>.tmp}. Stateless and thread-safe.
 */
final class LogFileNames {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String DELETED_SUFFIX = ".deleted";
    static final String TMP_SUFFIX = ".tmp";

    private LogFileNames() {
    }

    /** The 20-digit zero-padded file name prefix of the segment starting at {@code baseOffset}. */
    static String prefix(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + LOG_SUFFIX);
    }

    static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + INDEX_SUFFIX);
    }

    static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(prefix(baseOffset) + TIME_INDEX_SUFFIX);
    }

    /** The base offset encoded in {@code fileName} if it is exactly {@code <20 digits><suffix>}. */
    static OptionalLong baseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(0, 20);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
