package io.tributary.sink.files.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published name of one file: {@code <topic>-<partition>-<first>-<last><suffix>}, offsets
 * zero-padded to 20 digits so names sort by offset, suffix {@code .jsonl.gz} or {@code .parquet}.
 * The file holds exactly the records of that partition from offset {@code first} to
 * {@code last} (inclusive) that fell into its folder.
 */
record FileName(String topic, int partition, long first, long last, String suffix) {
    private static final Pattern PATTERN = Pattern.compile("(.+)-(\\d+)-(\\d{20})-(\\d{20})(\\.jsonl\\.gz|\\.parquet)");

    String render() {
        return String.format("%s-%d-%020d-%020d%s", topic, partition, first, last, suffix);
    }

    static FileName parse(String name) {
        Matcher m = PATTERN.matcher(name);
        if (!m.matches()) {
            return null;
        }
        return new FileName(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), m.group(5));
    }
}
