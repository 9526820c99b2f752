package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The identity of a file on this host independent of its name: device and inode, as
 * {@code stat(2)} reports them (following symbolic links). A rename keeps it; a new file made
 * by rotation gets a new one. An inode number can be reused once the old file is deleted and
 * closed, which is why a {@link Fingerprint} is checked too before resuming a saved position.
 *
 * @param dev the {@code st_dev} of the file system
 * @param ino the {@code st_ino} inside it
 */
public record FileKey(long dev, long ino) {
    /** The position key used with the agent: {@code <dev>:<ino>}. */
    public String positionKey() {
        return dev + ":" + ino;
    }

    /** Parses {@link #positionKey()}; {@code null} for anything else. */
    public static FileKey parse(String positionKey) {
        int colon = positionKey.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new FileKey(Long.parseLong(positionKey.substring(0, colon)),
                    Long.parseLong(positionKey.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Identity of what {@code path} points to now (one {@code stat}). */
    public static FileKey of(Path path) throws IOException {
        return of(Files.readAttributes(path, "unix:dev,ino"));
    }

    static FileKey of(Map<String, Object> unixAttributes) {
        return new FileKey(((Number) unixAttributes.get("dev")).longValue(),
                ((Number) unixAttributes.get("ino")).longValue());
    }

    @Override
    public String toString() {
        return positionKey();
    }
}
