package io.tributary.cli;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code tributary produce TOPIC}: one record per line of stdin (UTF-8), like
 * {@code kafka-console-producer.sh}. Exits 0 once every record is acknowledged, 1 if any failed
 * (the line says how many and why).
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send each line of stdin as one record to a topic.")
public final class ProduceCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "topic to write to")
    String topic;

    @Option(names = {"--key", "-k"}, paramLabel = "KEY", description = "key of every record (default: none)")
    String key;

    @Option(names = "--partition", paramLabel = "N", description = "write to this partition (default: by key, or spread)")
    Integer partition;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "line parsing: parse.key=true splits each line at key.separator (default: a tab) into key and value")
    List<String> properties = new ArrayList<>();

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", description = "Kafka producer setting, e.g. acks=1, compression.type=zstd")
    List<String> producerProperties = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the lines come from; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        LineFormat format = LineFormat.of(KeyValueOptions.parse("--property", properties), key);
        if (partition != null && partition < 0) {
            throw CliException.usage("--partition must be >= 0, got " + partition);
        }
        Map<String, Object> overrides = new HashMap<>(KeyValueOptions.parse("--producer-property", producerProperties));
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(client, overrides)) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null && firstError.get() == null) {
                    String[] keyValue = format.split(line);
                    producer.send(new ProducerRecord<>(topic, partition, bytes(keyValue[0]), bytes(keyValue[1])), (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    });
                    sent++;
                }
                producer.flush();
            } catch (TimeoutException e) {
                // send() waits up to --timeout for the topic's metadata: the broker is unreachable or the topic missing.
                throw ClientErrors.failure(e, client, "producing to '" + topic + "'");
            } catch (IOException e) {
                throw new CliException("reading stdin: " + e.getMessage());
            } finally {
                producer.close(client.timeout());
            }
        }
        if (firstError.get() != null) {
            CliException reason = ClientErrors.failure(firstError.get(), client, "producing to '" + topic + "'");
            throw new CliException(reason.getMessage() + " (" + failed.get() + " of " + sent + " record(s) not written)");
        }
        return 0;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** How a line becomes key and value: the whole line is the value, or key SEPARATOR value. */
    record LineFormat(boolean parseKey, String separator, String fixedKey) {
        static LineFormat of(Map<String, String> properties, String fixedKey) {
            Map<String, String> rest = new HashMap<>(properties);
            boolean parseKey = Boolean.parseBoolean(rest.remove("parse.key"));
            String separator = rest.remove("key.separator");
            if (!rest.isEmpty()) {
                throw CliException.usage("unknown --property " + rest.keySet().iterator().next()
                        + " (known: parse.key, key.separator; Kafka settings go in --producer-property)");
            }
            if (parseKey && fixedKey != null) {
                throw CliException.usage("--key and --property parse.key=true cannot be combined");
            }
            return new LineFormat(parseKey, separator == null || separator.isEmpty() ? "\t" : separator, fixedKey);
        }

        String[] split(String line) {
            if (!parseKey) {
                return new String[] {fixedKey, line};
            }
            int at = line.indexOf(separator);
            if (at < 0) {
                throw new CliException("line has no key separator '" + separator.replace("\t", "\\t") + "': " + abbreviate(line));
            }
            return new String[] {line.substring(0, at), line.substring(at + separator.length())};
        }

        private static String abbreviate(String line) {
            return line.length() <= 60 ? line : line.substring(0, 60) + "...";
        }
    }
}
