package io.tributary.agent.internal.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.plugin.api.Position;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * Read and written with Jackson's streaming parser and generator (jackson-core only: the agent
 * keeps no data-binding classes resident for one small file). Thread-safe.
 */
public final class CheckpointStore {
    public static final String FILE_NAME = "checkpoints.json";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Clock clock;
    private final Map<String, Map<String, Position>> sources = new TreeMap<>();

    public CheckpointStore(Path dataDir, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** Reads the file if present. A file that cannot be parsed is an error: silently starting over would re-ship everything. */
    public synchronized void load() throws IOException {
        sources.clear();
        if (!Files.exists(file)) {
            return;
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            readRoot(p);
        } catch (IOException e) {
            sources.clear();
            throw new IOException("checkpoint file " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start every source from scratch", e);
        }
    }

    /** {@code {"version": 1, "written": ..., "sources": {id: {key: value}}}}; other top-level keys are skipped. */
    private void readRoot(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, "the file");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!name.equals("sources")) {
                p.skipChildren();
                continue;
            }
            expect(p, value, JsonToken.START_OBJECT, "sources");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String sourceId = p.currentName();
                expect(p, p.nextToken(), JsonToken.START_OBJECT, "sources." + sourceId);
                Map<String, Position> positions = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken t = p.nextToken();
                    if (!t.isScalarValue()) {
                        throw new IOException("position " + key + " of source " + sourceId + " is not a value");
                    }
                    positions.put(key, new Position(key, p.getValueAsString()));
                }
                sources.put(sourceId, positions);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new IOException("unexpected content at line " + p.currentLocation().getLineNr());
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(what + " is not a JSON object (line " + p.currentLocation().getLineNr() + ")");
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("written", clock.instant().toString());
            g.writeObjectFieldStart("sources");
            for (Map.Entry<String, Map<String, Position>> source : sources.entrySet()) {
                g.writeObjectFieldStart(source.getKey());
                for (Map.Entry<String, Position> p : source.getValue().entrySet()) {
                    g.writeStringField(p.getKey(), p.getValue().value());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        AtomicFile.write(file, out.toByteArray());
    }

    public Path file() {
        return file;
    }
}
