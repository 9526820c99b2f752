package io.tributary.cli;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How {@code tributary consume} prints a record: a template with placeholders {@code {topic}},
 * {@code {partition}}, {@code {offset}}, {@code {timestamp}}, {@code {key}}, {@code {value}},
 * {@code {headers}}; {@code \t} and {@code \n} are a tab and a newline. Keys and values are shown
 * as UTF-8 text, a null one as {@code null}.
 */
final class RecordFormat {
    private static final List<String> PLACEHOLDERS =
            List.of("topic", "partition", "offset", "timestamp", "key", "value", "headers");

    private final List<Function<ConsumerRecord<byte[], byte[]>, String>> parts;

    private RecordFormat(List<Function<ConsumerRecord<byte[], byte[]>, String>> parts) {
        this.parts = parts;
    }

    static RecordFormat parse(String template) {
        List<Function<ConsumerRecord<byte[], byte[]>, String>> parts = new ArrayList<>();
        String text = template.replace("\\t", "\t").replace("\\n", "\n");
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                String literal = text.substring(i);
                parts.add(r -> literal);
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw CliException.usage("--format: unclosed '{' in '" + template + "'");
            }
            String literal = text.substring(i, open);
            parts.add(r -> literal);
            parts.add(placeholder(text.substring(open + 1, close), template));
            i = close + 1;
        }
        return new RecordFormat(parts);
    }

    private static Function<ConsumerRecord<byte[], byte[]>, String> placeholder(String name, String template) {
        return switch (name) {
            case "topic" -> ConsumerRecord::topic;
            case "partition" -> r -> Integer.toString(r.partition());
            case "offset" -> r -> Long.toString(r.offset());
            case "timestamp" -> r -> Long.toString(r.timestamp());
            case "key" -> r -> text(r.key());
            case "value" -> r -> text(r.value());
            case "headers" -> RecordFormat::headers;
            default -> throw CliException.usage("--format: unknown placeholder {" + name + "} in '" + template
                    + "' (known: " + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()) + ")");
        };
    }

    String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p.apply(record)));
        return out.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> out = new ArrayList<>();
        for (Header h : record.headers()) {
            out.add(h.key() + ":" + text(h.value()));
        }
        return String.join(",", out);
    }
}
