package io.tributary.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML config: every key bound, defaults for the rest, and errors that name the key. */
class BrokerConfigTest {
    @TempDir
    Path dir;

    @Test
    void theSampleConfigLoadsWithEveryKey() {
        BrokerConfig config = BrokerConfig.load(Path.of("..", "config-samples", "broker.yaml")).validate();
        assertThat(config.listen()).isEqualTo("127.0.0.1:9092");
        assertThat(config.log().retentionMs()).isEqualTo(604_800_000L);
        assertThat(config.logDefaults().segmentBytes()).isEqualTo(1 << 30);
        assertThat(config.groupConfig()).isEqualTo(io.tributary.broker.internal.group.GroupConfig.defaults());
    }

    @Test
    void groupAndOffsetSettingsAreBoundAndCheckedByKeyPath() throws Exception {
        BrokerConfig config = BrokerConfig.load(write("""
                groups:
                  min-session-timeout-ms: 500
                offsets:
                  retention-ms: 60000
                """)).validate();
        assertThat(config.groupConfig().minSessionTimeoutMs()).isEqualTo(500);
        assertThat(config.groupConfig().offsetsRetentionMs()).isEqualTo(60_000);
        assertThatThrownBy(() -> BrokerConfig.load(write("offsets:\n  retention-ms: 0\n")).validate())
                .hasMessageContaining("offsets.retention-ms");
        assertThatThrownBy(() -> BrokerConfig.load(write("groups:\n  min-session-timeout-ms: 9000\n  max-session-timeout-ms: 100\n"))
                .validate()).hasMessageContaining("groups.max-session-timeout-ms");
        assertThatThrownBy(() -> BrokerConfig.load(write("log:\n  segment-bytes: 1048576\n  segment-bytes: 2097152\n")))
                .hasMessageContaining("Duplicate field 'segment-bytes'");
        assertThatThrownBy(() -> BrokerConfig.load(write("groups:\n  min-session-timeout: 1\n")))
                .hasMessageContaining("groups.min-session-timeout").hasMessageContaining("unknown key");
    }

    @Test
    void valuesFromTheFileReachTheLogDefaults() throws Exception {
        Path file = write("""
                listen: 127.0.0.1:0
                default-partitions: 6
                log:
                  retention-ms: 3600000
                  segment-bytes: 1048576
                """);
        BrokerConfig config = BrokerConfig.load(file).validate();
        assertThat(config.defaultPartitions()).isEqualTo(6);
        assertThat(config.logDefaults().retentionMs()).isEqualTo(3_600_000L);
        assertThat(config.logDefaults().segmentBytes()).isEqualTo(1_048_576);
        assertThat(config.autoCreateTopics()).isTrue();
    }

    @Test
    void anEmptyFileMeansAllDefaults() throws Exception {
        assertThat(BrokerConfig.load(write("")).validate().listen()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void errorsNameTheKeyPath() throws Exception {
        assertThatThrownBy(() -> BrokerConfig.load(write("log:\n  segmnt-bytes: 10\n")))
                .hasMessageContaining("log.segmnt-bytes").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> BrokerConfig.load(write("node-id: abc\n")))
                .hasMessageContaining("node-id");
        assertThatThrownBy(() -> BrokerConfig.load(write("log:\n  segment-bytes: -3\n")).validate())
                .hasMessageContaining("log.segment-bytes");
        assertThatThrownBy(() -> BrokerConfig.load(write("listen: localhost\n")).validate())
                .hasMessageContaining("listen");
        assertThatThrownBy(() -> BrokerConfig.load(write("default-partitions: 0\n")).validate())
                .hasMessageContaining("default-partitions");
        assertThatThrownBy(() -> BrokerConfig.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theCommandExitsWithTwoAndOneLineForABadConfig() throws Exception {
        Path file = write("io-threads: 0\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BrokerCommand()).setErr(new PrintWriter(err));
        int code = cmd.execute("--config", file.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).hasLineCount(1).contains("io-threads");
    }

    @Test
    void aDataDirInUseIsRefused() throws Exception {
        try (BrokerLite first = BrokerTestSupport.startBroker(dir)) {
            assertThatThrownBy(() -> BrokerTestSupport.startBroker(dir)).hasMessageContaining("in use by another broker");
            assertThat(first.port()).isPositive();
        }
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "broker", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
