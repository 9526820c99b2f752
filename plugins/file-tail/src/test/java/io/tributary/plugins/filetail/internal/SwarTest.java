package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarTest {
    @Test
    void findsTheFirstNewlineAndTellsAsciiLikeAByteByByteScan() {
        Random random = new Random(7);
        byte[] kinds = {'a', '\n', (byte) 0x80, (byte) 0xFF, 0x0A ^ 0x01, 0x0B, 0x09, 0, 0x7F, (byte) 0x8A};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? kinds[random.nextInt(kinds.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(Swar.indexOfNewline(b, from, to)).isEqualTo(scalarNewline(b, from, to));
            assertThat(Swar.isAscii(b, from, to - from)).isEqualTo(scalarAscii(b, from, to));
        }
    }

    @Test
    void decodesAsciiAndUtf8LinesTheSame() {
        for (String line : new String[] {"", "plain ascii line with 40 and more bytes in it\r", "caf\u00e9 \u65e5\u672c \uD83D\uDE00",
            "x\u007f"}) {
            byte[] b = ("##" + line + "##").getBytes(StandardCharsets.UTF_8);
            int len = b.length - 4;
            String expected = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            assertThat(Utf8.decodeLine(b, 2, len)).isEqualTo(expected);
        }
        byte[] malformed = {'a', (byte) 0xC3, 'b'};
        assertThat(Utf8.decodeLine(malformed, 0, 3)).isEqualTo("a\uFFFDb");
    }

    private static int scalarNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean scalarAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
