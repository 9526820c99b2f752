package io.tributary.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code /metrics} (Prometheus text) and {@code /health} of a broker with {@code metrics.listen} set. */
class BrokerMetricsTest {
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void seriesShowTheTrafficTheBrokerServed() throws Exception {
        try (BrokerLite broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")
                .withMetricsListen("127.0.0.1:0"))) {
            String bootstrap = broker.bootstrapServers();
            int port = broker.metricsPort().orElseThrow();
            int records = 200;
            String value = "x".repeat(100);
            try (Admin admin = BrokerTestSupport.admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic("metered", 3, (short) 1))).all().get();
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("metered", 3, (short) 1))).all().get())
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicExistsException.class);
            }
            try (KafkaProducer<String, String> producer = BrokerTestSupport.producer(bootstrap, Map.of())) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>("metered", i % 3, null, value));
                }
                producer.flush();
            }
            try (KafkaConsumer<String, String> consumer = BrokerTestSupport.consumer(bootstrap, Map.of())) {
                List<TopicPartition> partitions = List.of(new TopicPartition("metered", 0), new TopicPartition("metered", 1),
                        new TopicPartition("metered", 2));
                List<ConsumerRecord<String, String>> read = BrokerTestSupport.readAll(consumer, partitions, records);
                assertThat(read).hasSize(records);
            }
            try (KafkaConsumer<String, String> member = BrokerTestSupport.consumer(bootstrap,
                    Map.of(ConsumerConfig.GROUP_ID_CONFIG, "metered-readers"))) {
                member.subscribe(List.of("metered"));
                await().atMost(Duration.ofSeconds(30)).until(() -> !member.poll(Duration.ofMillis(100)).isEmpty());
                member.commitSync();
            }

            String metrics = get(port, "/metrics").body();
            long payload = (long) records * value.length();
            assertThat(value(metrics, "tributary_broker_bytes_in_total", "")).isGreaterThan(payload);
            assertThat(value(metrics, "tributary_broker_bytes_out_total", "")).isGreaterThan(payload);
            assertThat(value(metrics, "tributary_broker_requests_total", "api=\"Produce\",error=\"NONE\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "tributary_broker_requests_total", "api=\"Fetch\",error=\"NONE\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "tributary_broker_requests_total", "api=\"CreateTopics\",error=\"TOPIC_ALREADY_EXISTS\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "tributary_broker_request_seconds_count", "api=\"Produce\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics, "tributary_broker_topics", "")).isEqualTo(1);
            assertThat(value(metrics, "tributary_broker_partitions", "")).isEqualTo(3);
            assertThat(value(metrics, "tributary_broker_log_size_bytes", "")).isGreaterThan(payload);
            assertThat(value(metrics, "tributary_broker_groups", "")).isEqualTo(1);
            assertThat(metrics).contains("jvm_memory_used_bytes");

            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"role\":\"broker\",\"listen\":\"" + bootstrap + "\"}");
        }
    }

    @Test
    void metricsAreOffUnlessConfigured() throws Exception {
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir)) {
            assertThat(broker.metricsPort()).isEmpty();
        }
    }

    @Test
    void aTakenMetricsPortFailsTheStartAndNamesTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            BrokerConfig config = BrokerConfig.defaults(dataDir).withListen("127.0.0.1:0")
                    .withMetricsListen("127.0.0.1:" + taken.getLocalPort());
            assertThatThrownBy(() -> BrokerLite.start(config))
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort());
            // The data dir lock was released: a broker can start there right away.
            try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir)) {
                assertThat(broker.port()).isPositive();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series line {@code name{labels} value}; labels "" matches a series without labels. */
    private static double value(String exposition, String name, String labels) {
        String selector = labels.isEmpty() ? "(\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + selector + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(name + "{" + labels + "} in\n" + exposition).isTrue();
        return Double.parseDouble(m.group(m.groupCount()));
    }
}
