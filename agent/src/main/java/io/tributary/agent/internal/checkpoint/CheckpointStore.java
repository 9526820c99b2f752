package io.tributary.agent.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.plugin.api.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's checkpoint file, {@code <data-dir>/checkpoints.json}:
 *
 * <pre>{@code
 * {"version": 1, "written": "2026-12-01T18:00:00Z",
 *  "sources": {"<source-id>": {"<position key>": "<position value>", ...}, ...}}
 * }</pre>
 *
 * <p>Each position is the last one whose event and all earlier events of its key were
 * acknowledged by the broker. The file is replaced atomically ({@link AtomicFile}), so a crash
 * leaves the previous or the new checkpoint, never a torn one. Sources that are no longer
 * configured keep their entries (a source removed by mistake and added back resumes).
 * Thread-safe.
 */
public final class CheckpointStore {
    public static final String FILE_NAME = "checkpoints.json";

    private final Path file;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Map<String, Position>> sources = new TreeMap<>();

    public CheckpointStore(Path dataDir, ObjectMapper json, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.json = json;
        this.clock = clock;
    }

    /** Reads the file if present. A file that cannot be parsed is an error: silently starting over would re-ship everything. */
    public synchronized void load() throws IOException {
        sources.clear();
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("checkpoint file " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start every source from scratch", e);
        }
        JsonNode all = root.path("sources");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> source = it.next();
            Map<String, Position> positions = new LinkedHashMap<>();
            source.getValue().fields().forEachRemaining(p -> positions.put(p.getKey(), new Position(p.getKey(), p.getValue().asText())));
            sources.put(source.getKey(), positions);
        }
    }

    /** The positions restored for a source (empty map if none). */
    public synchronized Map<String, Position> positions(String sourceId) {
        return Map.copyOf(sources.getOrDefault(sourceId, Map.of()));
    }

    /** Replaces one source's positions in memory; {@link #write()} persists. */
    public synchronized void update(String sourceId, Map<String, Position> positions) {
        sources.put(sourceId, new LinkedHashMap<>(positions));
    }

    /** Writes the current state atomically. */
    public synchronized void write() throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("version", 1);
        root.put("written", clock.instant().toString());
        ObjectNode all = root.putObject("sources");
        sources.forEach((id, positions) -> {
            ObjectNode s = all.putObject(id);
            positions.forEach((k, p) -> s.put(k, p.value()));
        });
        AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    public Path file() {
        return file;
    }
}
