package io.tributary.broker;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** broker-lite has no transaction coordinator: a transactional producer fails at once, saying why. */
class TransactionsRefusedTest {

    @Test
    void aTransactionalProducerFailsFastWithAClearMessage(@TempDir Path dataDir) throws Exception {
        try (BrokerLite broker = BrokerTestSupport.startBroker(dataDir);
             KafkaProducer<String, String> producer = BrokerTestSupport.producer(broker.bootstrapServers(),
                     Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(producer::initTransactions).hasMessageContaining("does not support transactions");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
