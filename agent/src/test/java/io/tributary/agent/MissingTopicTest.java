package io.tributary.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A broker that does not create topics itself: the agent names the missing topic, waits, and loses nothing. */
class MissingTopicTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void aTopicTheBrokerWillNotCreateIsNamedOnceAndItsEventsArriveOnceItExists() throws Exception {
        Path brokerYaml = Files.writeString(tmp.resolve("broker.yaml"), "auto-create-topics: false\n");
        String bootstrap = "127.0.0.1:" + TestBroker.freePort();
        BrokerConfig config = BrokerConfig.load(brokerYaml).withListen(bootstrap).withDataDir(tmp.resolve("broker"));
        Path log = Files.writeString(tmp.resolve("app.log"), "line-0\nline-1\nline-2\n");
        String yaml = """
                agent: { host: web-1, data-dir: %s }
                output: { bootstrap.servers: "%s", linger: 5ms, max.block.ms: 500 }
                sources:
                  - { type: file-tail, id: logs, topic: app-logs, paths: ["%s"], start-at: beginning }
                """.formatted(tmp.resolve("agent"), bootstrap, log);
        Logger agentLog = (Logger) LoggerFactory.getLogger("io.tributary.agent");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        agentLog.addAppender(captured);
        try (BrokerLite broker = BrokerLite.start(config); Agent agent = Agent.start(yaml, Map.of())) {
            await().atMost(WAIT).until(() -> messages(captured, "topic app-logs does not exist").size() == 1);
            assertThat(messages(captured, "topic app-logs does not exist").get(0))
                    .contains("broker " + bootstrap).contains("tributary topics create app-logs");

            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new NewTopic("app-logs", 1, (short) 1))).all().get();
            }
            List<TopicContents.Message> arrived = TopicContents.readCount(bootstrap, "app-logs", 3, WAIT);
            assertThat(arrived).hasSize(3);
            await().atMost(WAIT).until(() -> !messages(captured, "topic app-logs exists now").isEmpty());
            assertThat(messages(captured, "topic app-logs does not exist")).as("one line, not one per retry").hasSize(1);
        } finally {
            agentLog.detachAppender(captured);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> captured, String start) {
        synchronized (captured) { // AppenderBase.doAppend holds the appender's lock
            return captured.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(start)).toList();
        }
    }
}
