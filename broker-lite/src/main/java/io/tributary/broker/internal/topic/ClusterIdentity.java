package io.tributary.broker.internal.topic;

import io.tributary.broker.internal.log.AtomicFileWriter;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The cluster id of a data directory, kept in {@code <data-dir>/meta.properties} like Kafka's.
 * Generated on first start: broker-lite needs no format step.
 */
public record ClusterIdentity(String clusterId) {

    public static ClusterIdentity loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve("meta.properties");
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
            String id = props.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return new ClusterIdentity(id.trim());
            }
        }
        String id = Uuid.randomUuid().toString();
        props.setProperty("version", "1");
        props.setProperty("cluster.id", id);
        StringWriter out = new StringWriter();
        props.store(out, "broker-lite data directory identity");
        Files.createDirectories(dataDir);
        AtomicFileWriter.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        return new ClusterIdentity(id);
    }
}
