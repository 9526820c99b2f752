package io.tributary.plugin.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes in configuration, written {@code 512}, {@code 64KiB}/{@code 64KB},
 * {@code 10MiB}/{@code 10MB}, {@code 1GiB}/{@code 1GB} (units are binary: KB = KiB = 1024 bytes,
 * case-insensitive). The agent binds YAML strings and numbers to it.
 *
 * @param bytes the size, &ge; 0
 */
public record DataSize(long bytes) {
    private static final Pattern FORMAT =
            Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size must be >= 0, got " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofKiB(long kib) {
        return new DataSize(Math.multiplyExact(kib, 1024L));
    }

    public static DataSize ofMiB(long mib) {
        return new DataSize(Math.multiplyExact(mib, 1024L * 1024));
    }

    /** Parses the format in the class javadoc; throws {@link IllegalArgumentException} naming the text. */
    public static DataSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 512, 64KiB, 10MiB, 1GiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return new DataSize(Math.multiplyExact(n, factor));
    }

    /** Same as {@link #bytes()} but as an int, throwing if it does not fit. */
    public int bytesAsInt() {
        return Math.toIntExact(bytes);
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + "GiB";
        }
        if (bytes != 0 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + "MiB";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KiB";
        }
        return Long.toString(bytes);
    }
}
