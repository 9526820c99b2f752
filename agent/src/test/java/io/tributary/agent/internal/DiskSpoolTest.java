package io.tributary.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.agent.internal.spool.DiskSpool;
import io.tributary.agent.internal.spool.SpoolRecord;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {
    @TempDir
    Path dir;

    private static SpoolRecord rec(int i) {
        return new SpoolRecord("metrics", "host".getBytes(StandardCharsets.UTF_8),
                ("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1000L + i);
    }

    private static int seq(SpoolRecord r) {
        String s = new String(r.value(), StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(7, s.length() - 1));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".spool")).sorted().toList();
        }
    }

    @Test
    void recordsComeBackInOrderAndFilesGoOnceAcknowledged() throws Exception {
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 4096)) {
            for (int i = 0; i < 300; i++) {
                assertThat(spool.append(rec(i))).isTrue();
            }
            assertThat(files()).hasSizeGreaterThan(1);
            List<DiskSpool.Handle> read = new ArrayList<>();
            DiskSpool.Handle h;
            while ((h = spool.next()) != null) {
                read.add(h);
                spool.handedOver();
            }
            assertThat(read).extracting(x -> seq(x.record())).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 300).boxed().toList());
            assertThat(read.get(0).record().topic()).isEqualTo("metrics");
            assertThat(read.get(0).record().timestampMs()).isEqualTo(1000L);
            assertThat(spool.isIdle()).isTrue();
            int before = files().size();
            read.forEach(x -> x.ack().run());
            assertThat(files()).hasSizeLessThan(before);
            assertThat(spool.bytes()).isLessThan(4096);
        }
    }

    @Test
    void unacknowledgedRecordsAreReadAgainAfterARestartAndATornTailIsCut() throws Exception {
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 16)) {
            for (int i = 0; i < 10; i++) {
                spool.append(rec(i));
            }
            spool.next();
            spool.handedOver();
        }
        // A crash in the middle of an append: half a record at the end of the file.
        Path file = files().get(0);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length());
            f.write(new byte[] {0, 0, 0, 40, 1, 2, 3});
        }
        try (DiskSpool spool = new DiskSpool(dir, 1 << 20, 1 << 16)) {
            List<Integer> seqs = new ArrayList<>();
            DiskSpool.Handle h;
            while ((h = spool.next()) != null) {
                seqs.add(seq(h.record()));
                spool.handedOver();
            }
            assertThat(seqs).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(spool.append(rec(10))).isTrue();
            assertThat(seq(spool.next().record())).isEqualTo(10);
        }
    }

    @Test
    void aFullSpoolRefusesNewRecords() throws Exception {
        try (DiskSpool spool = new DiskSpool(dir, 8192, 4096)) {
            int stored = 0;
            while (spool.append(rec(stored))) {
                stored++;
            }
            assertThat(stored).isGreaterThan(100);
            assertThat(spool.bytes()).isLessThanOrEqualTo(8192);
            assertThat(spool.append(rec(0))).isFalse();
        }
    }
}
