package io.tributary.plugins.filetail.internal;

import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugins.filetail.StartAt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;

/**
 * Which files the source knows, by {@link FileKey}: the open ones, the ones waiting for a slot
 * under {@code max-open-files} (in the order they were found), and the problems already
 * reported. {@link #scan} expands the globs and reconciles:
 * <ul>
 *   <li>a key never seen in this run is new: it starts at its saved position (first scan only:
 *       saved positions are consumed by it), at {@code start-at} (first scan), or at 0 (found
 *       later, so nothing written to a new file is missed);</li>
 *   <li>a known key at another path was renamed (it stays the same file);</li>
 *   <li>an open key found at no path was renamed away or deleted: it becomes an orphan, read to
 *       its end and then closed by the tailer;</li>
 *   <li>a waiting key found at no path is forgotten.</li>
 * </ul>
 * A path that cannot be tailed (unreadable, not a regular file, a broken link) is logged once
 * with the reason, and again only if the problem went away and came back. Confined to the
 * tailer thread.
 */
final class FileTracker {
    private final TailSettings settings;
    private final Map<String, Position> restored;
    private final Logger log;
    private final Emitter emitter;
    private final PathScanner scanner;
    private final LagGauges lagGauges;

    /** Publishes a file's lag (its path, bytes not read yet) on the agent's /metrics. */
    interface LagGauges {
        SourceContext.Gauge publish(String path, DoubleSupplier lagBytes);
    }

    private final Map<FileKey, TailedFile> known = new HashMap<>();
    private final List<TailedFile> open = new ArrayList<>();
    private final ArrayDeque<TailedFile> waiting = new ArrayDeque<>();
    /** Path → scan count at which its problem was last seen. */
    private final Map<Path, Long> problems = new HashMap<>();
    private long scans;
    private boolean capLogged;

    FileTracker(TailSettings settings, Map<String, Position> restored, Logger log, Emitter emitter) {
        this(settings, restored, log, emitter, (path, lag) -> SourceContext.Gauge.NONE);
    }

    FileTracker(TailSettings settings, Map<String, Position> restored, Logger log, Emitter emitter, LagGauges lagGauges) {
        this.lagGauges = lagGauges;
        this.settings = settings;
        this.restored = new HashMap<>(restored);
        this.log = log;
        this.emitter = emitter;
        this.scanner = new PathScanner(settings.paths(), settings.exclude());
    }

    List<TailedFile> openFiles() {
        return open;
    }

    /** The directories the last scan looked in (see {@link PathScanner#directories()}). */
    Map<Path, Path> scannedDirectories() {
        return scanner.directories();
    }

    /** Whether an entry appearing or vanishing at {@code path} can change what a scan finds. */
    boolean mayMatter(Path path) {
        return scanner.mayMatter(path);
    }

    /** Expands the globs and reconciles the result with the known files (see the class javadoc). */
    void scan() {
        scans++;
        Map<FileKey, TailedFile> seen = new HashMap<>();
        for (Path p : scanner.scan(this::problem)) {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(p, "unix:dev,ino,size,isRegularFile,isDirectory");
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(p)) {
                    problem(p, "broken symbolic link");
                }
                continue;
            } catch (IOException e) {
                problem(p, PathScanner.describe(e));
                continue;
            }
            if ((Boolean) a.get("isDirectory")) {
                continue;
            }
            if (!(Boolean) a.get("isRegularFile")) {
                problem(p, "not a regular file (a FIFO, socket or device): skipped");
                continue;
            }
            FileKey key = FileKey.of(a);
            if (seen.containsKey(key)) {
                continue; // the same file through another name (hard or symbolic link)
            }
            TailedFile f = known.get(key);
            if (f == null) {
                f = discover(key, p, ((Number) a.get("size")).longValue());
            } else if (!f.path.equals(p)) {
                log.info("{} was renamed to {}: reading on", f.pathText, p);
                f.setPath(p);
                publishLag(f);
            }
            f.orphan = false;
            f.lastSeenSize = ((Number) a.get("size")).longValue();
            seen.put(key, f);
        }
        for (Iterator<TailedFile> it = known.values().iterator(); it.hasNext(); ) {
            TailedFile f = it.next();
            if (seen.containsKey(f.key)) {
                continue;
            }
            if (f.isOpen()) {
                if (!f.orphan) {
                    f.orphan = true;
                    log.info("{} is no longer at its path (rotated or deleted): reading it to its end", f.pathText);
                }
            } else {
                it.remove();
                f.lagGauge.close();
                waiting.remove(f);
                if (f.everOpened) {
                    log.warn("{} was renamed away or deleted while closed to make room (max-open-files {}): "
                            + "bytes after {} were not read", f.pathText, settings.maxOpenFiles(), f.resumeOffset);
                    emitter.release(f.positionKey);
                }
            }
        }
        if (scans == 1) {
            forgetUnmatchedSavedPositions(seen);
        }
        if (waiting.isEmpty()) {
            capLogged = false;
        }
        problems.values().removeIf(lastSeen -> lastSeen < scans - 1);
    }

    private TailedFile discover(FileKey key, Path path, long size) {
        TailedFile f = new TailedFile(key, path, settings.fingerprintBytes());
        Position saved = restored.get(key.positionKey());
        FilePosition pos = saved == null ? null : FilePosition.decode(saved.value());
        if (saved != null && pos == null) {
            log.warn("saved position of {} is not in the file-tail format ('{}'): treating the file as new",
                    path, saved.value());
        }
        if (pos != null) {
            f.resumeOffset = pos.offset();
            f.expectedFingerprint = pos.fingerprint();
            f.origin = "saved position";
        } else if (scans == 1 && settings.startAt() == StartAt.END) {
            f.resumeOffset = size;
            f.origin = "start-at end";
            f.checkpointStart = true; // else a restart before its first line would skip what came meanwhile
        } else {
            f.resumeOffset = 0;
            f.origin = scans == 1 ? "start-at beginning" : "new file";
        }
        known.put(key, f);
        waiting.addLast(f);
        publishLag(f);
        return f;
    }

    private void forgetUnmatchedSavedPositions(Map<FileKey, TailedFile> seen) {
        int forgotten = 0;
        for (String key : restored.keySet()) {
            FileKey k = FileKey.parse(key);
            if (k == null || !seen.containsKey(k)) {
                emitter.release(key);
                forgotten++;
            }
        }
        if (forgotten > 0) {
            log.info("forgot the saved positions of {} file(s) no longer found at the paths "
                    + "(deleted or rotated away while the agent was stopped)", forgotten);
        }
        restored.clear();
    }

    /** The next waiting file to open now, or {@code null} when none may or can be opened. */
    TailedFile nextToOpen() {
        if (open.size() >= settings.maxOpenFiles()) {
            if (!capLogged && firstEligible() != null) {
                capLogged = true;
                log.info("max-open-files ({}) reached: {} more file(s) wait their turn", settings.maxOpenFiles(),
                        waiting.size());
            }
            return null;
        }
        return firstEligible();
    }

    /** Whether every slot is taken and a waiting file could use one. */
    boolean hasEligibleWaiting() {
        return open.size() >= settings.maxOpenFiles() && firstEligible() != null;
    }

    private TailedFile firstEligible() {
        for (TailedFile f : waiting) {
            if (f.failedAtScan != scans && (!f.everOpened || f.mustRetry || f.lastSeenSize != f.closedAtSize)) {
                return f;
            }
        }
        return null;
    }

    void opened(TailedFile f) {
        waiting.remove(f);
        open.add(f);
        f.mustRetry = false;
        f.failedAtScan = -1;
        if (problems.remove(f.path) != null) {
            log.info("{} can be read now", f.pathText);
        }
    }

    /** Opening failed ({@code reason} {@code null}: silently, it changed meanwhile); retried after the next scan. */
    void openFailed(TailedFile f, String reason) {
        f.failedAtScan = scans;
        if (reason != null) {
            problem(f.path, reason);
        }
    }

    /**
     * Closes an open file to make room (or after a read error, {@code retry}); it waits to be
     * reopened where reading must resume: before a held multiline event or a partial line.
     */
    void park(TailedFile f, boolean retry) {
        f.resumeOffset = f.assembler.holding() ? f.assembler.heldStartOffset() : f.splitter.lineStart();
        f.assembler.discard();
        f.expectedFingerprint = f.fingerprint.isEmpty() ? null : f.fingerprint;
        f.closedAtSize = f.readOffset;
        f.lastSeenSize = f.readOffset;
        f.mustRetry = retry;
        if (retry) {
            f.failedAtScan = scans;
        }
        f.closeChannel();
        open.remove(f);
        waiting.addLast(f);
    }

    private void publishLag(TailedFile f) {
        f.lagGauge.close();
        f.lagGauge = lagGauges.publish(f.pathText, f::lagBytes);
    }

    /** Drops a file for good (closed after rotation or deletion). */
    void forget(TailedFile f) {
        f.lagGauge.close();
        f.closeChannel();
        open.remove(f);
        waiting.remove(f);
        known.remove(f.key);
    }

    private void problem(Path path, String reason) {
        Long before = problems.put(path, scans);
        if (before == null) {
            log.warn("cannot tail {}: {}; other files go on, it is retried at each scan", path, reason);
        }
    }
}
