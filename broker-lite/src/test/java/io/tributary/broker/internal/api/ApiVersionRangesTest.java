package io.tributary.broker.internal.api;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the protocol classes under broker-lite: if an upgrade of kafka-clients changes the
 * versions its generated messages support for any API broker-lite serves, this fails, and the
 * new versions must be reviewed (fields added, semantics changed) before they are advertised.
 */
class ApiVersionRangesTest {

    @Test
    void advertisedRangesMatchTheGeneratedMessageClassesOfThePinnedKafkaClients() {
        for (Map.Entry<ApiKeys, short[]> e : ApiVersionRanges.all().entrySet()) {
            ApiKeys key = e.getKey();
            assertThat(new short[]{key.oldestVersion(), key.latestVersion()})
                    .as("versions of %s in kafka-clients; review the changes before updating ApiVersionRanges", key)
                    .containsExactly(e.getValue());
        }
    }

    @Test
    void theApisABrokerMustServeForTheJavaClientsAreAdvertised() {
        assertThat(ApiVersionRanges.all().keySet()).contains(ApiKeys.API_VERSIONS, ApiKeys.METADATA, ApiKeys.PRODUCE,
                ApiKeys.FETCH, ApiKeys.LIST_OFFSETS, ApiKeys.INIT_PRODUCER_ID, ApiKeys.CREATE_TOPICS, ApiKeys.DELETE_TOPICS,
                ApiKeys.CREATE_PARTITIONS, ApiKeys.DESCRIBE_CONFIGS);
    }

    @Test
    void theClassicGroupProtocolIsAdvertisedAndTheKip848OneIsNot() {
        assertThat(ApiVersionRanges.all().keySet()).contains(ApiKeys.FIND_COORDINATOR, ApiKeys.JOIN_GROUP, ApiKeys.SYNC_GROUP,
                ApiKeys.HEARTBEAT, ApiKeys.LEAVE_GROUP, ApiKeys.OFFSET_COMMIT, ApiKeys.OFFSET_FETCH, ApiKeys.LIST_GROUPS,
                ApiKeys.DESCRIBE_GROUPS, ApiKeys.DELETE_GROUPS, ApiKeys.OFFSET_DELETE);
        // The 4.x consumer would switch to group.protocol=consumer semantics it cannot get here.
        assertThat(ApiVersionRanges.all().keySet()).doesNotContain(ApiKeys.CONSUMER_GROUP_HEARTBEAT,
                ApiKeys.CONSUMER_GROUP_DESCRIBE);
    }
}
