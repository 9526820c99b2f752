package io.tributary.broker.internal.topic;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code <data-dir>/.topics/<name>.properties} holds: the durable definition of a topic.
 * The file is the topic's commit point: it is written (atomically) after the partition
 * directories exist, and removed before they are deleted.
 *
 * <pre>
 * name=orders
 * id=Yx3oH5dTQ0mI4eB3Xx7b2A
 * partitions=3
 * config.retention.ms=3600000
 * </pre>
 * A properties file rather than JSON keeps a JSON library off the broker's start-up path.
 */
record TopicRecord(String name, String id, int partitions, Map<String, String> configs) {
    private static final String CONFIG_PREFIX = "config.";

    byte[] toBytes() throws IOException {
        Properties props = new Properties();
        props.setProperty("name", name);
        props.setProperty("id", id);
        props.setProperty("partitions", Integer.toString(partitions));
        configs.forEach((k, v) -> props.setProperty(CONFIG_PREFIX + k, v));
        StringWriter out = new StringWriter();
        props.store(out, "broker-lite topic definition");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static TopicRecord fromBytes(byte[] bytes, String source) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        String name = props.getProperty("name");
        String id = props.getProperty("id");
        String partitions = props.getProperty("partitions");
        if (name == null || id == null || partitions == null) {
            throw new IOException(source + " is not a topic definition (needs name, id, partitions)");
        }
        Map<String, String> configs = new TreeMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith(CONFIG_PREFIX))
                .forEach(k -> configs.put(k.substring(CONFIG_PREFIX.length()), props.getProperty(k)));
        try {
            return new TopicRecord(name, id, Integer.parseInt(partitions.trim()), configs);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": partitions is not a number: " + partitions);
        }
    }
}
