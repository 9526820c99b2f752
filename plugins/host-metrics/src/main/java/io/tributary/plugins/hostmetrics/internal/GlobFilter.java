package io.tributary.plugins.hostmetrics.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Accepts a name when it matches an include glob (or the include list is empty) and no exclude
 * glob. Globs: {@code *} matches any run of characters, {@code /} included; {@code ?} matches
 * one character; everything else is literal. Immutable.
 */
public final class GlobFilter {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    public GlobFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(GlobFilter::compile).toList();
        this.excludes = excludes.stream().map(GlobFilter::compile).toList();
    }

    public boolean accepts(String name) {
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(name).matches())) {
            return false;
        }
        return excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
