package io.tributary.plugins.filetail.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validation of the pattern-valued config keys; each returns the reason, or {@code null} if fine. */
public final class ConfigChecks {
    private ConfigChecks() {
    }

    public static String pathPatternProblem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be empty";
        }
        try {
            PathGlob.parse(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static String excludeProblem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be empty";
        }
        try {
            PathScanner.checkExclude(pattern);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static String regexProblem(String regex) {
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                    + " of '" + regex + "'";
        }
    }
}
