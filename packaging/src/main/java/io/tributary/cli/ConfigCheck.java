package io.tributary.cli;

import java.nio.file.Path;
import java.util.Set;

/**
 * Validation of one role's config file for {@code tributary check-config}. Each role (broker,
 * agent, sink) contributes one implementation to {@link ConfigChecks#all()}.
 *
 * <ol>
 *   <li>{@link #recognizes} is asked with the file's top-level keys when no {@code --role} is
 *       given; exactly one check must claim the file.</li>
 *   <li>{@link #check} loads the file with the role's own loader and validation (the same code the
 *       role runs at start-up), so the command accepts exactly what the role accepts.</li>
 * </ol>
 */
public interface ConfigCheck {
    /** The role name, as given to {@code --role}. */
    String role();

    /** Whether these top-level keys can only belong to this role's config. */
    boolean recognizes(Set<String> topLevelKeys);

    /**
     * Loads and validates the file.
     *
     * @return a short summary of what the config sets up, shown after "ok"
     * @throws IllegalArgumentException naming the key path and the problem
     */
    String check(Path file);
}
