package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Tells the tailer at once when a file is created, renamed in, renamed away or deleted in a directory its globs
 * look at, so a new or rotated file is picked up within milliseconds instead of at the next scan (Linux inotify,
 * through the JDK's {@link WatchService}; Fluent Bit's tail does the same). Only entries appearing and vanishing
 * are watched, not writes: a busy log would otherwise wake the JDK's watch thread for every line its writer
 * appends; appends are found by the poll as before. The scan every {@code scan-interval} stays: it is what finds
 * files where no notification comes (network filesystems, a directory that could not be watched).
 *
 * <p>Off (waiting is sleeping) when disabled, on systems other than Linux (the JDK polls there, in a thread of its own),
 * or when the watch service cannot be had. A directory that cannot be watched (inotify's watch limit) is logged
 * once and left to the scan. Confined to the tailer thread.
 */
final class DirectoryWatch implements AutoCloseable {
    /** Most directories watched per source (a {@code **} glob high in the tree could name thousands). */
    static final int MAX_DIRECTORIES = 1024;

    private static final DirectoryWatch OFF = new DirectoryWatch(null, path -> false, null);

    private final WatchService service;
    private final Predicate<Path> mayMatter;
    private final Logger log;
    /** Real directory → its key (a key's {@code watchable()} is that real directory). */
    private final Map<Path, WatchKey> keys = new HashMap<>();
    /** The last {@link #watch} call's directories: real path → the path as the globs spell it (event names resolve against it). */
    private Map<Path, Path> directories = Map.of();
    private boolean limitLogged;

    private DirectoryWatch(WatchService service, Predicate<Path> mayMatter, Logger log) {
        this.service = service;
        this.mayMatter = mayMatter;
        this.log = log;
    }

    /**
     * Starts watching (the JDK starts its inotify thread), or returns a watch that never reports anything (waiting is
     * sleeping) if {@code enabled} is false,
     * this is not Linux, or no watch service can be had (logged).
     *
     * @param mayMatter whether an entry appearing or vanishing at a path (as the globs spell it) can change a scan
     */
    static DirectoryWatch start(boolean enabled, Predicate<Path> mayMatter, Logger log) {
        if (!enabled || !System.getProperty("os.name", "").startsWith("Linux")) {
            return OFF;
        }
        try {
            return new DirectoryWatch(FileSystems.getDefault().newWatchService(), mayMatter, log);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("cannot watch directories ({}): new files are found by the scan only", e.getMessage());
            return OFF;
        }
    }

    /** How many directories are watched now. */
    int watchedCount() {
        return keys.size();
    }

    /**
     * Watches exactly these directories (real path → path as the globs spell it): the new ones are added, the ones
     * no longer listed are dropped. Called after every scan. Returns whether a directory was added: an entry made in
     * it between the scan's look and now sent no notification, so one more scan is due.
     */
    boolean watch(Map<Path, Path> directories) {
        if (service == null) {
            return false;
        }
        this.directories = directories;
        boolean added = false;
        for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, WatchKey> e = it.next();
            if (!directories.containsKey(e.getKey()) || !e.getValue().isValid()) {
                e.getValue().cancel();
                it.remove();
            }
        }
        for (Map.Entry<Path, Path> d : directories.entrySet()) {
            if (keys.containsKey(d.getKey())) {
                continue;
            }
            if (keys.size() >= MAX_DIRECTORIES) {
                logLimit(d.getValue(), "more than " + MAX_DIRECTORIES + " directories match the paths");
                break;
            }
            try {
                WatchKey key = d.getKey().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE);
                keys.put(d.getKey(), key);
                added = true;
            } catch (IOException e) {
                // e.g. inotify's max_user_watches reached, or the directory went away since the scan
                logLimit(d.getValue(), PathScanner.describe(e));
            } catch (ClosedWatchServiceException e) {
                break;
            }
        }
        return added;
    }

    private void logLimit(Path dir, String reason) {
        if (!limitLogged) {
            limitLogged = true;
            log.info("not watching {} ({}): new files there are found by the scan only; further ones are not logged",
                    dir, reason);
        }
    }

    /**
     * Waits up to {@code nanos} for an entry that {@code mayMatter} to appear or vanish; returns true as soon as one
     * did (a scan is due), false after the full wait. When off, just sleeps.
     */
    boolean await(long nanos) throws InterruptedException {
        if (service == null) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        }
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                WatchKey key = service.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    return false;
                }
                boolean any = relevant(key);
                any |= changed(); // also drain what else is pending, so it does not wake the next wait
                if (any) {
                    return true;
                }
            }
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        }
    }

    /** Whether an entry that matters appeared or vanished since the last look (does not wait). */
    boolean changed() {
        if (service == null) {
            return false;
        }
        boolean any = false;
        try {
            WatchKey key;
            while ((key = service.poll()) != null) {
                any |= relevant(key);
            }
        } catch (ClosedWatchServiceException e) {
            return false;
        }
        return any;
    }

    /** Takes the key's events and re-arms it; a key of a directory that is gone is dropped (the next scan decides). */
    private boolean relevant(WatchKey key) {
        Path real = (Path) key.watchable();
        Path dir = directories.get(real);
        boolean any = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                any = true; // events were lost: scan
            } else if (e.context() instanceof Path name && mayMatter.test(dir.resolve(name))) {
                any = true;
            }
        }
        if (!key.reset()) {
            any = true; // the directory itself went away (or was renamed): a scan sees what is left
            keys.remove(real);
        }
        return any;
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // closing an inotify descriptor: nothing to do about a failure
            }
        }
    }
}
