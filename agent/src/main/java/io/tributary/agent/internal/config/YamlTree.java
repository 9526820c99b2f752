package io.tributary.agent.internal.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads agent YAML into a plain tree: {@code Map<String, Object>} (key order kept),
 * {@code List<Object>} and {@link Scalar} leaves (a YAML {@code null} is a Java null).
 *
 * <p>SnakeYAML's composer does the parsing; its node tree is turned into this one so values can
 * be replaced ({@code ${ENV}} substitution) and bound by {@link ConfigMapper} without a data
 * binding library: the agent runs on every host, and Jackson's databind was the largest block of
 * classes it kept resident only to read its config once (see agent/README.md "Footprint").
 * A key given twice is an error naming the key and both lines, not "last one wins".
 */
public final class YamlTree {
    private YamlTree() {
    }

    /** A leaf: its text as written, and what YAML resolved it to (plain {@code 10} is an int, {@code "10"} a string). */
    public record Scalar(String text, Kind kind) {
        public enum Kind { STRING, INT, FLOAT, BOOL }

        public static Scalar string(String text) {
            return new Scalar(text, Kind.STRING);
        }

        /** The value as a plain Java object: String, Long (or the text when it does not fit), Double or Boolean. */
        public Object plain() {
            try {
                return switch (kind) {
                    case STRING -> text;
                    case INT -> Long.parseLong(text.replace("_", ""));
                    case FLOAT -> Double.parseDouble(text.replace("_", ""));
                    case BOOL -> ConfigMapper.yamlBoolean(text);
                };
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }

    /** Thrown for text that is not YAML, or a key given twice; {@link #line} is 1-based, 0 when unknown. */
    public static final class YamlException extends Exception {
        private final int line;
        private final String key;

        YamlException(String message, int line, String key) {
            super(message);
            this.line = line;
            this.key = key;
        }

        public int line() {
            return line;
        }

        /** The key path of the problem, null when it is a syntax error. */
        public String key() {
            return key;
        }
    }

    /** The document's root (null for an empty document). */
    public static Object parse(String yaml) throws YamlException {
        Node root;
        try {
            // The composer does not check duplicate keys (SnakeYAML's constructor would): convert() does.
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new YamlException("line " + (mark == null ? "?" : mark.getLine() + 1)
                    + (mark == null ? "" : ", column " + (mark.getColumn() + 1)) + ": " + problem,
                    mark == null ? 0 : mark.getLine() + 1, null);
        } catch (YAMLException e) {
            throw new YamlException(e.getMessage(), 0, null);
        }
        return root == null ? null : convert(root, "", 0);
    }

    /** Deeper than any config needs; also stops a recursive alias ({@code &a [*a]}) from recursing forever. */
    private static final int MAX_DEPTH = 64;

    private static Object convert(Node node, String path, int depth) throws YamlException {
        if (depth > MAX_DEPTH) {
            throw new YamlException("line " + (node.getStartMark().getLine() + 1) + ": nested more than " + MAX_DEPTH
                    + " levels deep (a recursive alias?)", node.getStartMark().getLine() + 1, null);
        }
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            Scalar.Kind kind = Tag.INT.equals(tag) ? Scalar.Kind.INT : Tag.FLOAT.equals(tag) ? Scalar.Kind.FLOAT
                    : Tag.BOOL.equals(tag) ? Scalar.Kind.BOOL : Scalar.Kind.STRING;
            return new Scalar(s.getValue(), kind);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>(seq.getValue().size());
            for (Node item : seq.getValue()) {
                list.add(convert(item, path + "[" + list.size() + "]", depth + 1));
            }
            return list;
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                throw new YamlException("line " + (keyNode.getStartMark().getLine() + 1) + ": a key must be a plain value, "
                        + "not a list or mapping", keyNode.getStartMark().getLine() + 1, path.isEmpty() ? null : path);
            }
            String key = k.getValue();
            String child = path.isEmpty() ? key : path + "." + key;
            int line = keyNode.getStartMark().getLine() + 1;
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                throw new YamlException("key '" + key + "' given twice (line " + first + " and line " + line + ")", line, child);
            }
            map.put(key, convert(t.getValueNode(), child, depth + 1));
        }
        return map;
    }
}
