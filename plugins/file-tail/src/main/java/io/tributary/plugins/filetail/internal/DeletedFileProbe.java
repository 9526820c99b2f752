package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tells whether a file this process holds open has been deleted (link count 0), by
 * {@code stat}ing the entries of {@code /proc/self/fd} (the magic links resolve to the open
 * inode even after it lost its last name). Java offers no {@code fstat}, and this is only asked
 * about files that vanished from their path, so the cost does not matter. Where {@code /proc}
 * is missing the answer is "don't know" ({@code false}) and the rotate-wait rule applies.
 */
final class DeletedFileProbe {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private DeletedFileProbe() {
    }

    static boolean isDeleted(FileKey key) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                Map<String, Object> a;
                try {
                    a = Files.readAttributes(fd, "unix:dev,ino,nlink");
                } catch (IOException e) {
                    continue; // closed meanwhile, or not a file (socket, pipe)
                }
                if (FileKey.of(a).equals(key)) {
                    return ((Number) a.get("nlink")).intValue() == 0;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
