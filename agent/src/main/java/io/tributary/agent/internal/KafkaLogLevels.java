package io.tributary.agent.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The Kafka client logs a warning per failed connection attempt and per retry; while the broker
 * is down that is a line every second. The agent reports outages itself (one line each way), so
 * it turns the client's chatty loggers down to ERROR when Logback is the backend and they have
 * not been configured more verbosely on purpose.
 */
final class KafkaLogLevels {
    private static final String[] CHATTY = {
        "org.apache.kafka.clients.NetworkClient",
        "org.apache.kafka.clients.producer.internals.Sender",
        "org.apache.kafka.clients.producer.internals.TransactionManager",
        "org.apache.kafka.clients.Metadata",
    };

    private KafkaLogLevels() {
    }

    static void quiet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return;
        }
        for (String name : CHATTY) {
            ch.qos.logback.classic.Logger logger = ctx.getLogger(name);
            if (logger.getLevel() == null && logger.getEffectiveLevel().isGreaterOrEqual(Level.WARN)) {
                logger.setLevel(Level.ERROR);
            }
        }
    }
}
