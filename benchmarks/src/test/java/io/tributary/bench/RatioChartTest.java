package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioChartTest {
    /** A results file as BrokerBenchmark writes it, cut down to what the chart reads. */
    private static final String RESULTS = """
            {
              "generatedAt": "2026-12-01T18:17:54.815Z[Etc/UTC]",
              "settings": {"recordsPerProduceRun": 5000, "recordSizeBytes": 100, "partitions": 6,
                           "kafkaVersion": "4.4.0", "liteSlotIsKafkaStandIn": false},
              "environment": {"availableProcessors": 2},
              "table": [
                {"figure": "Produce acks=all", "unit": "records/s", "brokerLite": 175.0, "kafka": 100.0,
                 "ratioLiteOverKafka": 1.75, "better": "higher"},
                {"figure": "Broker peak RSS under load", "unit": "MiB", "brokerLite": 300.0, "kafka": 100.0,
                 "ratioLiteOverKafka": 3.0, "better": "lower"},
                {"figure": "Consume, ConsumerPerformance (group)", "unit": "records/s", "brokerLite": null,
                 "kafka": 2368545.7, "ratioLiteOverKafka": null, "better": "higher"}
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void redrawsAPngFromAResultsJson() throws Exception {
        Path json = Files.writeString(dir.resolve("broker-benchmark-x.json"), RESULTS);
        Path png = dir.resolve("charts").resolve("out.png");

        assertThat(RatioChart.run(new String[] {json.toString(), png.toString()})).isZero();

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(RatioChart.WIDTH);
        assertThat(img.getHeight()).isEqualTo(RatioChart.height(3));
        // Higher throughput is broker-lite's win (green); three times Kafka's RSS is Kafka's (red).
        assertThat(count(img, RatioChart.BETTER)).isPositive();
        assertThat(count(img, RatioChart.WORSE)).isPositive();
    }

    @Test
    void readsRatiosDirectionsAndMissingFigures() throws Exception {
        Path json = Files.writeString(dir.resolve("r.json"), RESULTS);

        RatioChart.Chart chart = RatioChart.fromJson(json);

        assertThat(chart.title()).isEqualTo("broker-lite vs Apache Kafka 4.4.0: lite/Kafka ratio per figure");
        assertThat(chart.subtitle()).contains("2026-12-01", "5,000 records x 100 B", "6 partitions", "2 CPUs");
        List<RatioChart.Bar> bars = chart.bars();
        assertThat(bars).hasSize(3);
        assertThat(bars.get(0).colour()).isEqualTo(RatioChart.BETTER);
        assertThat(bars.get(1).colour()).isEqualTo(RatioChart.WORSE);
        assertThat(bars.get(2).measured()).isFalse();
        assertThat(bars.get(2).missing()).isEqualTo("no broker-lite figure");
    }

    @Test
    void badUsageAndUnreadableInputAreRefused() throws Exception {
        assertThat(RatioChart.run(new String[] {"only-one-arg.json"})).isEqualTo(2);
        assertThat(RatioChart.run(new String[] {dir.resolve("missing.json").toString(), "out.png"})).isEqualTo(1);

        Path notResults = Files.writeString(dir.resolve("other.json"), "{\"rows\": []}");
        List<String> log = new ArrayList<>();
        assertThat(RatioChart.tryWrite(notResults, dir.resolve("x.png"), log::add)).isFalse();
        assertThat(log).singleElement().asString().contains("other.json", "no \"table\" array");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static long count(BufferedImage img, Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
