package io.tributary.plugins.filetail.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured glob, split into the directory to walk and the pattern below it.
 *
 * <p>Syntax is {@link java.nio.file.FileSystem#getPathMatcher} glob syntax: {@code *}, {@code ?},
 * {@code [abc]} and {@code {a,b}} within one name, {@code **} across directories. As users of
 * Filebeat expect, {@code /var/log/**}{@code /*.log} also matches {@code /var/log/a.log}
 * ({@code **} may stand for no directory at all).
 *
 * <p>The walk starts at the longest leading run of names with no glob characters (the base
 * directory) and goes as deep as the pattern has names, or without limit for {@code **}.
 */
final class PathGlob {
    private final String pattern;
    private final Path base;
    private final int maxDepth;
    private final List<PathMatcher> matchers = new ArrayList<>();

    private PathGlob(String pattern, Path base, String rest) {
        this.pattern = pattern;
        this.base = base;
        this.maxDepth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest));
        String noDoubleStar = rest.replace("**/", "");
        if (!noDoubleStar.equals(rest) && !noDoubleStar.isEmpty()) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + noDoubleStar));
        }
    }

    /**
     * Parses an absolute glob.
     *
     * @throws IllegalArgumentException when it is not absolute or not a valid glob, with the reason
     */
    static PathGlob parse(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("must be an absolute path, got '" + pattern + "'");
        }
        String[] names = pattern.substring(1).split("/+");
        StringBuilder base = new StringBuilder();
        int i = 0;
        // The last name always belongs to the pattern, so a plain path is a one-name pattern in its directory.
        for (; i < names.length - 1 && !hasGlobChars(names[i]); i++) {
            base.append('/').append(names[i]);
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(names, i, names.length));
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("names a directory, not files: '" + pattern + "' (add e.g. /*.log)");
        }
        try {
            return new PathGlob(pattern, Path.of(base.length() == 0 ? "/" : base.toString()), rest);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid glob '" + pattern + "': " + e.getMessage(), e);
        }
    }

    static boolean hasGlobChars(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The configured text. */
    String pattern() {
        return pattern;
    }

    /** The directory the walk starts in. */
    Path base() {
        return base;
    }

    /** How many levels below {@link #base()} the walk descends. */
    int maxDepth() {
        return maxDepth;
    }

    /** Whether {@code relative} (a path relative to {@link #base()}) matches. */
    boolean matchesRelative(Path relative) {
        for (PathMatcher m : matchers) {
            if (m.matches(relative)) {
                return true;
            }
        }
        return false;
    }
}
