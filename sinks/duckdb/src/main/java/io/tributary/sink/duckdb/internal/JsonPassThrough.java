package io.tributary.sink.duckdb.internal;

import io.tributary.sink.mapping.ColumnSpec;
import io.tributary.sink.mapping.ColumnType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pass-through mapping: a mapping whose columns are all top-level fields ({@code $.name}) of
 * type string, json, timestamp, long, int or boolean (the built-in log-event and metric-event
 * mappings, plain {@code name: $.path} columns) is expressed as one
 * {@code INSERT INTO t (...) SELECT ... FROM read_json(file, columns = {...})}, so DuckDB parses the
 * events, vectorized and on all its threads.
 *
 * <p>Exactness: {@link #safe} is a strict, allocation-free scan of a record's bytes that admits it
 * only if DuckDB's reading is provably the row the Java extractor would produce: a valid JSON
 * object on one line, valid UTF-8, no duplicate mapped keys, every mapped value of its column's
 * plain kind (a JSON string for string columns; an ISO-8601 {@code yyyy-MM-ddTHH:mm:ss[.ffffff](Z|±HH:MM)}
 * for timestamps; an integer for long/int; true/false; an object or array written in the form
 * DuckDB writes back, for json columns), required values present. Anything else (numbers in string
 * columns, epoch-millisecond timestamps, {@code \\u} escapes in json values, bad input...) is left
 * to the exact path, which stores or rejects it as it always did. The scan may refuse records the
 * fast path would have got right; it never admits one it would get wrong.
 */
final class JsonPassThrough {
    private static final Pattern FIELD = Pattern.compile("\\$\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_DEPTH = 64;

    private final List<ColumnSpec> columns;
    private final byte[][] fields;
    private final ColumnType[] types;
    private final boolean[] required;

    private JsonPassThrough(List<ColumnSpec> columns) {
        this.columns = columns;
        int n = columns.size();
        fields = new byte[n][];
        types = new ColumnType[n];
        required = new boolean[n];
        for (int i = 0; i < n; i++) {
            ColumnSpec c = columns.get(i);
            fields[i] = c.path().substring(2).getBytes(StandardCharsets.US_ASCII);
            types[i] = c.type();
            required[i] = c.required();
        }
    }

    /** The pass-through form of a mapping, or null if it has a column DuckDB cannot map exactly (metadata, nested paths, double). */
    static JsonPassThrough of(List<ColumnSpec> columns) {
        if (columns.isEmpty() || columns.size() > 64) {
            return null;
        }
        Set<String> paths = new HashSet<>();
        for (ColumnSpec c : columns) {
            if (!FIELD.matcher(c.path()).matches() || !paths.add(c.path())) {
                return null;
            }
            switch (c.type()) {
                case STRING, JSON, TIMESTAMP, LONG, INT, BOOLEAN -> {
                }
                default -> {
                    return null;
                }
            }
        }
        return new JsonPassThrough(List.copyOf(columns));
    }

    /**
     * {@code INSERT INTO table (cols) SELECT ... FROM read_json([files])} for JSON Lines files of admitted records; rows
     * are stored in file order, each file's in line order.
     */
    String insertSql(String table, List<Path> files) {
        String readTypes = columns.stream()
                .map(c -> "\"" + c.path().substring(2) + "\": '" + readType(c.type()) + "'")
                .collect(Collectors.joining(", "));
        String select = columns.stream()
                .map(c -> {
                    String field = "\"" + c.path().substring(2) + "\"";
                    return c.type() == ColumnType.TIMESTAMP ? "CAST(" + field + " AS TIMESTAMPTZ)" : field;
                })
                .collect(Collectors.joining(", "));
        String list = files.stream().map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        return "INSERT INTO " + table + " (" + columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", ")) + ") SELECT "
                + select + " FROM read_json(" + list + ", format = 'newline_delimited', columns = {" + readTypes + "})";
    }

    private static String readType(ColumnType type) {
        return switch (type) {
            case STRING, TIMESTAMP -> "VARCHAR";
            case JSON -> "JSON";
            case LONG -> "BIGINT";
            case INT -> "INTEGER";
            case BOOLEAN -> "BOOLEAN";
            default -> throw new IllegalStateException(type.toString());
        };
    }

    /** Whether DuckDB's read of this record is exactly the row the Java extractor would produce (see the class comment). */
    boolean safe(byte[] v) {
        if (v == null) {
            return false;
        }
        return new Scan(v).record();
    }

    /** One pass over one record. Every method returns the position after what it read, or -1: not admitted. */
    private final class Scan {
        private final byte[] v;
        private long seen;
        private long nonNull;

        Scan(byte[] v) {
            this.v = v;
        }

        boolean record() {
            int i = ws(0);
            if (i >= v.length || v[i] != '{') {
                return false;
            }
            i = ws(i + 1);
            if (i < v.length && v[i] == '}') {
                i++;
            } else {
                while (true) {
                    if (i >= v.length || v[i] != '"') {
                        return false;
                    }
                    int keyStart = i + 1;
                    i = string(i, false);
                    if (i < 0) {
                        return false;
                    }
                    int field = field(keyStart, i - 1);
                    if (field == -2) {
                        return false; // an escaped key: it might spell a mapped field
                    }
                    i = ws(i);
                    if (i >= v.length || v[i] != ':') {
                        return false;
                    }
                    i = ws(i + 1);
                    i = field >= 0 ? mapped(field, i) : value(i, false, 0);
                    if (i < 0) {
                        return false;
                    }
                    i = ws(i);
                    if (i < v.length && v[i] == ',') {
                        i = ws(i + 1);
                    } else if (i < v.length && v[i] == '}') {
                        i++;
                        break;
                    } else {
                        return false;
                    }
                }
            }
            if (ws(i) != v.length) {
                return false;
            }
            for (int c = 0; c < fields.length; c++) {
                if (required[c] && (nonNull & (1L << c)) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Index of the mapped field named by the key bytes [from, to), -1 if none, -2 if the key has escapes. */
        private int field(int from, int to) {
            int len = to - from;
            for (int k = from; k < to; k++) {
                if (v[k] == '\\') {
                    return -2;
                }
            }
            outer:
            for (int c = 0; c < fields.length; c++) {
                byte[] f = fields[c];
                if (f.length != len) {
                    continue;
                }
                for (int k = 0; k < len; k++) {
                    if (f[k] != v[from + k]) {
                        continue outer;
                    }
                }
                return c;
            }
            return -1;
        }

        private int mapped(int c, int i) {
            long bit = 1L << c;
            if ((seen & bit) != 0) {
                return -1; // duplicate key: DuckDB refuses the file, Java keeps the last one
            }
            seen |= bit;
            if (i >= v.length) {
                return -1;
            }
            if (v[i] == 'n') {
                return literal(i, "null");
            }
            nonNull |= bit;
            return switch (types[c]) {
                case STRING -> v[i] == '"' ? string(i, false) : -1;
                case TIMESTAMP -> v[i] == '"' ? timestamp(i) : -1;
                case JSON -> v[i] == '{' || v[i] == '[' ? value(i, true, 0) : -1;
                case LONG -> integer(i, 18);
                case INT -> integer(i, 9);
                case BOOLEAN -> v[i] == 't' ? literal(i, "true") : literal(i, "false");
                default -> -1;
            };
        }

        /** Any JSON value; {@code canonical}: only in the form DuckDB writes JSON back (no whitespace, integers, plain escapes). */
        private int value(int i, boolean canonical, int depth) {
            if (i >= v.length || depth > MAX_DEPTH) {
                return -1;
            }
            byte b = v[i];
            if (b == '"') {
                return string(i, canonical);
            }
            if (b == '{') {
                i = skip(i + 1, canonical);
                if (i < v.length && v[i] == '}') {
                    return i + 1;
                }
                while (true) {
                    if (i >= v.length || v[i] != '"') {
                        return -1;
                    }
                    i = string(i, canonical);
                    if (i < 0) {
                        return -1;
                    }
                    i = skip(i, canonical);
                    if (i >= v.length || v[i] != ':') {
                        return -1;
                    }
                    i = value(skip(i + 1, canonical), canonical, depth + 1);
                    if (i < 0) {
                        return -1;
                    }
                    i = skip(i, canonical);
                    if (i < v.length && v[i] == ',') {
                        i = skip(i + 1, canonical);
                    } else if (i < v.length && v[i] == '}') {
                        return i + 1;
                    } else {
                        return -1;
                    }
                }
            }
            if (b == '[') {
                i = skip(i + 1, canonical);
                if (i < v.length && v[i] == ']') {
                    return i + 1;
                }
                while (true) {
                    i = value(i, canonical, depth + 1);
                    if (i < 0) {
                        return -1;
                    }
                    i = skip(i, canonical);
                    if (i < v.length && v[i] == ',') {
                        i = skip(i + 1, canonical);
                    } else if (i < v.length && v[i] == ']') {
                        return i + 1;
                    } else {
                        return -1;
                    }
                }
            }
            if (b == 't') {
                return literal(i, "true");
            }
            if (b == 'f') {
                return literal(i, "false");
            }
            if (b == 'n') {
                return literal(i, "null");
            }
            return canonical ? integer(i, 18) : number(i);
        }

        /** Whitespace inside a value: none when canonical. */
        private int skip(int i, boolean canonical) {
            return canonical || i < 0 ? i : ws(i);
        }

        /** Spaces and tabs only: a line break would split the JSON Lines file. */
        private int ws(int i) {
            while (i < v.length && (v[i] == ' ' || v[i] == '\t')) {
                i++;
            }
            return i;
        }

        private int literal(int i, String word) {
            int n = word.length();
            if (i + n > v.length) {
                return -1;
            }
            for (int k = 0; k < n; k++) {
                if (v[i + k] != word.charAt(k)) {
                    return -1;
                }
            }
            return i + n;
        }

        /** An integer of at most {@code maxDigits} digits (no fraction or exponent, no -0). */
        private int integer(int i, int maxDigits) {
            int start = i;
            if (i < v.length && v[i] == '-') {
                i++;
            }
            int digitsStart = i;
            while (i < v.length && v[i] >= '0' && v[i] <= '9') {
                i++;
            }
            int digits = i - digitsStart;
            if (digits == 0 || digits > maxDigits || (v[digitsStart] == '0' && (digits > 1 || digitsStart > start))) {
                return -1;
            }
            if (i < v.length && (v[i] == '.' || v[i] == 'e' || v[i] == 'E')) {
                return -1;
            }
            return i;
        }

        /** A JSON number (RFC 8259 grammar). */
        private int number(int i) {
            if (i < v.length && v[i] == '-') {
                i++;
            }
            if (i >= v.length) {
                return -1;
            }
            if (v[i] == '0') {
                i++;
            } else if (v[i] >= '1' && v[i] <= '9') {
                i = digits(i);
            } else {
                return -1;
            }
            if (i < v.length && v[i] == '.') {
                int after = digits(i + 1);
                if (after == i + 1) {
                    return -1;
                }
                i = after;
            }
            if (i < v.length && (v[i] == 'e' || v[i] == 'E')) {
                i++;
                if (i < v.length && (v[i] == '+' || v[i] == '-')) {
                    i++;
                }
                int after = digits(i);
                if (after == i) {
                    return -1;
                }
                i = after;
            }
            return i;
        }

        private int digits(int i) {
            while (i < v.length && v[i] >= '0' && v[i] <= '9') {
                i++;
            }
            return i;
        }

        /**
         * A string starting at the quote at {@code i}: valid UTF-8, no control characters, no NUL
         * or surrogate escapes (the Java path rejects or replaces them); canonical: only the
         * escapes DuckDB writes back unchanged ({@code \" \\ \n \r \t}).
         */
        private int string(int i, boolean canonical) {
            i++;
            byte[] v = this.v;
            int n = v.length;
            while (i < n) {
                byte plain = v[i];
                if ((plain > '"' && plain != '\\') || plain == ' ' || plain == '!') {
                    i++; // printable ASCII other than quote and backslash: the common case
                    continue;
                }
                int b = plain & 0xFF;
                if (b == '"') {
                    return i + 1;
                }
                if (b == '\\') {
                    if (i + 1 >= v.length) {
                        return -1;
                    }
                    byte e = v[i + 1];
                    if (e == '"' || e == '\\' || e == 'n' || e == 'r' || e == 't') {
                        i += 2;
                    } else if (canonical) {
                        return -1;
                    } else if (e == '/' || e == 'b' || e == 'f') {
                        i += 2;
                    } else if (e == 'u') {
                        if (i + 6 > v.length) {
                            return -1;
                        }
                        int code = 0;
                        for (int k = i + 2; k < i + 6; k++) {
                            int h = Character.digit(v[k], 16);
                            if (h < 0) {
                                return -1;
                            }
                            code = code * 16 + h;
                        }
                        if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) {
                            return -1;
                        }
                        i += 6;
                    } else {
                        return -1;
                    }
                } else if (b < 0x20) {
                    return -1;
                } else if (b < 0x80) {
                    i++;
                } else {
                    i = utf8(i, b);
                    if (i < 0) {
                        return -1;
                    }
                }
            }
            return -1;
        }

        /** One well-formed multi-byte UTF-8 sequence (no overlong forms, surrogates or code points past U+10FFFF). */
        private int utf8(int i, int b) {
            int n;
            int min;
            int code;
            if (b >= 0xC2 && b <= 0xDF) {
                n = 1;
                min = 0x80;
                code = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                n = 2;
                min = 0x800;
                code = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                n = 3;
                min = 0x10000;
                code = b & 0x07;
            } else {
                return -1;
            }
            if (i + n >= v.length) {
                return -1;
            }
            for (int k = 1; k <= n; k++) {
                int c = v[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return -1;
                }
                code = (code << 6) | (c & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return -1;
            }
            return i + n + 1;
        }

        /** {@code "yyyy-MM-ddTHH:mm:ss[.f{1,6}](Z|±HH:MM)"} with a real date, offset below 18 hours. */
        private int timestamp(int i) {
            int s = i + 1;
            int end = s;
            while (end < v.length && v[end] != '"') {
                if (v[end] == '\\') {
                    return -1;
                }
                end++;
            }
            if (end >= v.length || end - s < 20) {
                return -1;
            }
            int year = num(s, 4);
            int month = num(s + 5, 2);
            int day = num(s + 8, 2);
            int hour = num(s + 11, 2);
            int minute = num(s + 14, 2);
            int second = num(s + 17, 2);
            if (v[s + 4] != '-' || v[s + 7] != '-' || v[s + 10] != 'T' || v[s + 13] != ':' || v[s + 16] != ':'
                    || year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                    || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                return -1;
            }
            int k = s + 19;
            if (v[k] == '.') {
                int f = ++k;
                while (k < end && v[k] >= '0' && v[k] <= '9') {
                    k++;
                }
                if (k == f || k - f > 6) {
                    return -1;
                }
            }
            if (k == end - 1 && v[k] == 'Z') {
                return end + 1;
            }
            if (k == end - 6 && (v[k] == '+' || v[k] == '-') && v[k + 3] == ':') {
                int oh = num(k + 1, 2);
                int om = num(k + 4, 2);
                return oh >= 0 && oh <= 17 && om >= 0 && om <= 59 ? end + 1 : -1;
            }
            return -1;
        }

        private int num(int from, int count) {
            int value = 0;
            for (int k = from; k < from + count; k++) {
                byte c = v[k];
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
