package io.tributary.agent.internal.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Acknowledgements only set a flag; the periodic check turns it into progress. */
class BrokerHealthTest {
    private static final Duration AFTER = Duration.ofMillis(300);

    @Test
    void acknowledgementsBetweenChecksKeepTheBrokerReachable() {
        BrokerHealth health = new BrokerHealth("b:9092", AFTER, () -> 10);
        long end = System.nanoTime() + 3 * AFTER.toNanos();
        while (System.nanoTime() < end) {
            health.acked();
            health.check();
            assertThat(health.reachable()).isTrue();
        }
        assertThat(health.everAcked()).isTrue();
    }

    @Test
    void withoutAcknowledgementsItIsUnreachableButNotBeforeTheLimit() {
        BrokerHealth health = new BrokerHealth("b:9092", AFTER, () -> 10);
        health.acked();
        health.check();
        long lastProgress = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            health.check();
            return !health.reachable();
        });
        assertThat(System.nanoTime() - lastProgress).isGreaterThanOrEqualTo(AFTER.toNanos());
        health.acked(); // the next acknowledgement brings it back at once
        assertThat(health.reachable()).isTrue();
    }

    @Test
    void nothingWaitingIsNoOutage() {
        BrokerHealth health = new BrokerHealth("b:9092", Duration.ofMillis(100), () -> 0);
        long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
        while (System.nanoTime() < end) {
            health.check();
            assertThat(health.reachable()).isTrue();
        }
        assertThat(health.everAcked()).isFalse();
    }
}
