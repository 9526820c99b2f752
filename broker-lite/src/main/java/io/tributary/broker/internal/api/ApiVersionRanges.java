package io.tributary.broker.internal.api;

import org.apache.kafka.common.protocol.ApiKeys;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The API versions broker-lite advertises, written out by hand on purpose: each range was
 * checked against the generated message classes of the pinned kafka-clients (4.4.0), and
 * {@code ApiVersionRangesTest} fails when an upgrade of kafka-clients changes them, so that a new
 * protocol version is adopted deliberately and not by accident.
 */
public final class ApiVersionRanges {
    private static final Map<ApiKeys, short[]> RANGES = new EnumMap<>(ApiKeys.class);

    static {
        put(ApiKeys.PRODUCE, 3, 13);
        put(ApiKeys.FETCH, 4, 18);
        put(ApiKeys.LIST_OFFSETS, 1, 11);
        put(ApiKeys.METADATA, 0, 13);
        put(ApiKeys.API_VERSIONS, 0, 5);
        put(ApiKeys.CREATE_TOPICS, 2, 7);
        put(ApiKeys.DELETE_TOPICS, 1, 6);
        put(ApiKeys.INIT_PRODUCER_ID, 0, 6);
        put(ApiKeys.DESCRIBE_CONFIGS, 1, 4);
        put(ApiKeys.CREATE_PARTITIONS, 0, 3);
        put(ApiKeys.DESCRIBE_CLUSTER, 0, 2);
        // Consumer groups, classic protocol only (no KIP-848 ConsumerGroupHeartbeat).
        put(ApiKeys.FIND_COORDINATOR, 0, 6);
        put(ApiKeys.JOIN_GROUP, 0, 9);
        put(ApiKeys.SYNC_GROUP, 0, 5);
        put(ApiKeys.HEARTBEAT, 0, 4);
        put(ApiKeys.LEAVE_GROUP, 0, 5);
        put(ApiKeys.OFFSET_COMMIT, 2, 10);
        put(ApiKeys.OFFSET_FETCH, 1, 10);
        put(ApiKeys.LIST_GROUPS, 0, 5);
        put(ApiKeys.DESCRIBE_GROUPS, 0, 6);
        put(ApiKeys.DELETE_GROUPS, 0, 3);
        put(ApiKeys.OFFSET_DELETE, 0, 0);
    }

    private ApiVersionRanges() {
    }

    private static void put(ApiKeys key, int min, int max) {
        RANGES.put(key, new short[]{(short) min, (short) max});
    }

    public static Map<ApiKeys, short[]> all() {
        return Collections.unmodifiableMap(RANGES);
    }

    public static boolean supports(ApiKeys key, short version) {
        short[] range = RANGES.get(key);
        return range != null && version >= range[0] && version <= range[1];
    }

    public static short min(ApiKeys key) {
        return RANGES.get(key)[0];
    }

    public static short max(ApiKeys key) {
        return RANGES.get(key)[1];
    }
}
