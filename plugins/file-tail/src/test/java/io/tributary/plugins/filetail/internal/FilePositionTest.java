package io.tributary.plugins.filetail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilePositionTest {
    @Test
    void roundTripsAndRejectsOtherFormats() {
        FilePosition p = new FilePosition(51234, new Fingerprint(1024, 0x9f3a2b1cL));
        assertThat(p.encode()).isEqualTo("51234/1024/9f3a2b1c");
        assertThat(FilePosition.decode(p.encode())).isEqualTo(p);
        assertThat(FilePosition.decode("7/0/0")).isEqualTo(new FilePosition(7, Fingerprint.EMPTY));
        assertThat(FilePosition.decode("123")).isNull();
        assertThat(FilePosition.decode("-1/0/0")).isNull();
        assertThat(FilePosition.decode("x/y/z")).isNull();
    }

    @Test
    void fileKeysRoundTrip() {
        FileKey k = new FileKey(2049, 1234567);
        assertThat(k.positionKey()).isEqualTo("2049:1234567");
        assertThat(FileKey.parse(k.positionKey())).isEqualTo(k);
        assertThat(FileKey.parse("nonsense")).isNull();
    }
}
