package io.tributary.plugins.filetail.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lists the paths that match the configured globs and none of the excludes, by walking each
 * glob's base directory (directory symbolic links below the base are not followed, so a link
 * loop cannot trap the walk; the base itself may be a link). Not thread-safe.
 *
 * <p>An exclude without {@code /} is matched against the file name ({@code *.gz}); one with
 * {@code /} against the whole path.
 */
final class PathScanner {
    private final List<PathGlob> globs = new ArrayList<>();
    private final List<PathMatcher> nameExcludes = new ArrayList<>();
    private final List<PathMatcher> pathExcludes = new ArrayList<>();
    /** Directories the last scan looked in (real path → the path as the globs spell it), for {@link DirectoryWatch}. */
    private Map<Path, Path> directories = new HashMap<>();

    PathScanner(List<String> patterns, List<String> excludes) {
        for (String p : patterns) {
            globs.add(PathGlob.parse(p));
        }
        for (String e : excludes) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + e);
            (e.contains("/") ? pathExcludes : nameExcludes).add(m);
        }
    }

    /** Validates an exclude pattern; throws {@link IllegalArgumentException} with the reason. */
    static void checkExclude(String exclude) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + exclude);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid glob '" + exclude + "': " + e.getMessage(), e);
        }
    }

    /** The matching paths, sorted (so the same file seen through two names is always taken by the same one). */
    TreeSet<Path> scan(ProblemReporter problems) {
        TreeSet<Path> found = new TreeSet<>();
        Map<Path, Path> dirs = new HashMap<>();
        for (PathGlob glob : globs) {
            walk(glob, found, dirs, problems);
        }
        directories = dirs;
        return found;
    }

    /**
     * The directories the last {@link #scan} walked (every one a match could be in, down to the globs' depth), or,
     * for a base directory that does not exist yet, its nearest existing ancestor: real path → path as the globs
     * spell it.
     */
    Map<Path, Path> directories() {
        return directories;
    }

    /**
     * Whether a file or directory appearing or vanishing at {@code path} (spelled as the globs spell paths) can change
     * what a scan finds: it matches a glob, or a match could lie below it (a directory on a glob's way, or on the way
     * to a base directory that does not exist yet). Excludes are not checked: an extra scan is harmless.
     */
    boolean mayMatter(Path path) {
        for (PathGlob glob : globs) {
            Path base = glob.base();
            if (path.startsWith(base) && !path.equals(base)) {
                Path rel = base.relativize(path);
                if (glob.matchesRelative(rel) || rel.getNameCount() < glob.maxDepth()) {
                    return true;
                }
            } else if (base.startsWith(path)) {
                return true;
            }
        }
        return false;
    }

    private void walk(PathGlob glob, TreeSet<Path> found, Map<Path, Path> dirs, ProblemReporter problems) {
        Path base = glob.base();
        Path real;
        try {
            real = base.toRealPath();
        } catch (NoSuchFileException e) {
            watchNearestAncestor(base, dirs);
            return; // nothing there yet: files may appear later
        } catch (IOException e) {
            problems.problem(base, describe(e));
            return;
        }
        try {
            Files.walkFileTree(real, EnumSet.noneOf(FileVisitOption.class), glob.maxDepth(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dirs.putIfAbsent(dir, base.resolve(real.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path rel = real.relativize(file);
                    if (glob.matchesRelative(rel)) {
                        Path shown = base.resolve(rel);
                        if (!excluded(shown)) {
                            found.add(shown);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) { // vanished while listing: not a problem
                        problems.problem(base.resolve(real.relativize(file)), describe(e));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.problem(base, describe(e));
        }
    }

    private static void watchNearestAncestor(Path base, Map<Path, Path> dirs) {
        for (Path p = base.getParent(); p != null; p = p.getParent()) {
            try {
                dirs.putIfAbsent(p.toRealPath(), p);
                return;
            } catch (IOException e) {
                // not there (or not reachable) either: one level up
            }
        }
    }

    private boolean excluded(Path path) {
        Path name = path.getFileName();
        for (PathMatcher m : nameExcludes) {
            if (name != null && m.matches(name)) {
                return true;
            }
        }
        for (PathMatcher m : pathExcludes) {
            if (m.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** A short reason for an operator, without a stack trace. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
