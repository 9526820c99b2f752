package io.tributary.sink.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A parsed {@code $.a.b[0]} path; {@link #find} walks a tree without allocating. */
final class JsonPointerPath {
    private final String[] fields; // null entry = array index at the same position
    private final int[] indexes;

    private JsonPointerPath(String[] fields, int[] indexes) {
        this.fields = fields;
        this.indexes = indexes;
    }

    static JsonPointerPath parse(String path) {
        List<String> fields = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int i = 1; // after '$'
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                fields.add(path.substring(i + 1, end));
                indexes.add(-1);
                i = end;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                fields.add(null);
                indexes.add(Integer.parseInt(path.substring(i + 1, end)));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("bad path " + path);
            }
        }
        return new JsonPointerPath(fields.toArray(String[]::new), indexes.stream().mapToInt(Integer::intValue).toArray());
    }

    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (int i = 0; i < fields.length && node != null; i++) {
            node = fields[i] != null ? node.get(fields[i]) : node.get(indexes[i]);
        }
        return node;
    }
}
