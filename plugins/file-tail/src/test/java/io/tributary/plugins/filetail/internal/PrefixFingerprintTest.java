package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint of the bytes read equals the one of the file's first bytes, however the reads were cut. */
class PrefixFingerprintTest {
    private static final byte[] TEXT = "line-0\nline-1\nline-2\nline-3\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    FileChannel file(byte[] content) throws Exception {
        Path p = dir.resolve("f.log");
        Files.write(p, content);
        return FileChannel.open(p, StandardOpenOption.READ);
    }

    @Test
    void readsInPiecesGiveTheFingerprintOfTheFirstBytesUpToTheMaximum() throws Exception {
        try (FileChannel ch = file(TEXT)) {
            PrefixFingerprint fp = new PrefixFingerprint(20);
            assertThat(fp.current()).isEqualTo(Fingerprint.EMPTY);
            assertThat(fp.add(TEXT, 0, 5, 0)).isEqualTo(Fingerprint.read(ch, 5));
            assertThat(fp.add(TEXT, 5, 9, 5)).isEqualTo(Fingerprint.read(ch, 14));
            assertThat(fp.add(TEXT, 14, 14, 14)).isEqualTo(Fingerprint.read(ch, 20)); // stops at the maximum
            assertThat(fp.add(TEXT, 0, 3, 28)).isEqualTo(Fingerprint.read(ch, 20));
        }
    }

    @Test
    void aReadAfterAGapOrOfBytesAlreadyCoveredAddsNothing() throws Exception {
        try (FileChannel ch = file(TEXT)) {
            PrefixFingerprint fp = new PrefixFingerprint(1024);
            fp.add(TEXT, 0, 7, 0);
            assertThat(fp.add(TEXT, 10, 4, 10)).isEqualTo(Fingerprint.read(ch, 7)); // bytes 7..9 never came
            assertThat(fp.add(TEXT, 0, 7, 0)).isEqualTo(Fingerprint.read(ch, 7));
            assertThat(fp.add(TEXT, 3, 11, 3)).isEqualTo(Fingerprint.read(ch, 14)); // overlaps: the new part counts
        }
    }

    @Test
    void aRestartCoversTheBytesBeforeTheOffsetAndChecksTheExpectedOnes() throws Exception {
        try (FileChannel ch = file(TEXT)) {
            PrefixFingerprint fp = new PrefixFingerprint(1024);
            assertThat(fp.restart(ch, 14, Fingerprint.read(ch, 21))).isTrue();
            assertThat(fp.current()).isEqualTo(Fingerprint.read(ch, 14));
            assertThat(fp.add(TEXT, 14, 7, 14)).isEqualTo(Fingerprint.read(ch, 21));

            assertThat(fp.restart(ch, 14, new Fingerprint(7, 12345))).isFalse();
            assertThat(fp.current()).isEqualTo(Fingerprint.EMPTY);
            assertThat(fp.restart(ch, 14, new Fingerprint(100, 1))).as("expected more bytes than the file has").isFalse();
            assertThat(fp.restart(ch, 0, null)).isTrue();
            assertThat(fp.current()).isEqualTo(Fingerprint.EMPTY);
        }
    }
}
