package io.tributary.agent.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarTest {

    private static int naive(byte[] b, int from, int to, boolean question) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || (question && c == '?')) {
                return i;
            }
        }
        return to;
    }

    @Test
    void findsTheFirstByteNeedingAttentionWhereverItIsInAWord() {
        Random random = new Random(3);
        // Bytes that need attention next to ones that could be mistaken for them (borrows, neighbours).
        byte[] alphabet = {'a', ' ', '!', '#', '"', '\\', '?', '>', '@', 0x1F, 0x00, 0x01, 0x21, 0x23, 0x5B, 0x5D,
            0x3E, 0x40, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xA2, (byte) 0xDC};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(Swar.attention(b, from, to)).as("%s [%d, %d)", java.util.Arrays.toString(b), from, to)
                    .isEqualTo(naive(b, from, to, true));
            assertThat(Swar.attentionAscii(b, from, to)).as("%s [%d, %d)", java.util.Arrays.toString(b), from, to)
                    .isEqualTo(naive(b, from, to, false));
        }
    }
}
