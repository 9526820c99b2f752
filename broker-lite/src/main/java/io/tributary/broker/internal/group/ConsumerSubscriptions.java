package io.tributary.broker.internal.group;

import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;

import java.nio.ByteBuffer;
import java.util.List;

/** Reads the topics out of a consumer's JoinGroup metadata (the "consumer" protocol type's subscription). */
final class ConsumerSubscriptions {
    private ConsumerSubscriptions() {
    }

    static List<String> topics(byte[] metadata) {
        if (metadata == null || metadata.length == 0) {
            return List.of();
        }
        try {
            return ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics();
        } catch (RuntimeException e) {
            // Not the consumer protocol (e.g. Connect): no topic is known to be subscribed.
            return List.of();
        }
    }
}
