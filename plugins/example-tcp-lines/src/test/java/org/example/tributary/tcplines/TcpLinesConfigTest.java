package org.example.tributary.tcplines;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.plugin.api.ConfigError;
import io.tributary.plugin.api.DataSize;
import io.tributary.plugin.api.testkit.ConfigDocs;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpLinesConfigTest {
    private final TcpLinesSourceFactory factory = new TcpLinesSourceFactory();

    @Test
    void defaultsAreValidAndEveryKeyIsDocumented() {
        TcpLinesConfig c = TcpLinesConfig.defaults();
        assertThat(c.listen()).isEqualTo("127.0.0.1:5170");
        assertThat(c.maxLineLength()).isEqualTo(DataSize.ofKiB(64));
        assertThat(c.maxConnections()).isEqualTo(16);
        assertThat(factory.validate(c)).isEmpty();
        assertThat(ConfigDocs.undocumented(TcpLinesConfig.class)).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        List<ConfigError> errors = factory.validate(new TcpLinesConfig("localhost", DataSize.ofBytes(0), 0));
        assertThat(errors).extracting(ConfigError::key)
                .containsExactly("listen", "max-line-length", "max-connections");
        assertThat(errors.get(0).reason()).contains("host:port").contains("'localhost'");
    }

    @Test
    void portsAreChecked() {
        assertThat(factory.validate(TcpLinesConfig.defaults().withListen("0.0.0.0:70000")))
                .extracting(ConfigError::reason).singleElement().asString().contains("0-65535");
        assertThat(factory.validate(TcpLinesConfig.defaults().withListen("[::1]:5170"))).isEmpty();
        assertThat(factory.validate(TcpLinesConfig.defaults().withListen("host:http")))
                .extracting(ConfigError::key).containsExactly("listen");
    }
}
