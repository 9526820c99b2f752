package io.tributary.plugin.api;

import java.util.List;

/**
 * The entry point of a source plugin: names a source type, describes its configuration and
 * makes {@link Source}s. Register an implementation (public, with a public no-argument
 * constructor) in {@code META-INF/services/io.tributary.plugin.api.SourceFactory}.
 *
 * <h2>Configuration contract</h2>
 * <ol>
 *   <li>{@link #configType()} is a record (or a class with a Jackson-style creator) whose
 *       components are the source's keys. The agent removes the keys it owns from the YAML
 *       source entry ({@code type}, {@code id}, {@code topic}) and binds the rest to it. Keys
 *       are the kebab-case form of the component names ({@code startAt} → {@code start-at}).
 *       An unknown key is an error naming its path.</li>
 *   <li>Component types the agent binds: {@code String}, primitives and their boxes,
 *       {@code java.time.Duration} ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h},
 *       {@code 2d} or ISO-8601 {@code PT10S}), {@link DataSize}, {@code java.nio.file.Path},
 *       enums (matched case-insensitively, {@code -} and {@code _} alike), {@code List},
 *       {@code Map<String, ...>} and nested records of these. {@code ${ENV:-default}} has been
 *       substituted before binding.</li>
 *   <li>A key missing from the YAML arrives as {@code null} (objects) or zero/false
 *       (primitives): the record's compact constructor replaces {@code null}s by the defaults,
 *       so a config made in Java by a test behaves the same. Use boxed types where zero is a
 *       legal value distinct from "missing".</li>
 *   <li>Every component carries {@link ConfigDoc} with a one-line description and its default.</li>
 *   <li>The agent then calls {@link #validate} and refuses to start if it returns errors,
 *       printing each as {@code sources[<index>].<key>: <reason>} (exit code 2). Put checks in
 *       {@code validate} rather than throwing from the constructor, so every problem is
 *       reported at once with its key path.</li>
 * </ol>
 *
 * @param <C> the configuration type
 */
public interface SourceFactory<C> {
    /** The {@code type} that selects this plugin in the YAML, e.g. {@code file-tail}; kebab-case. */
    String type();

    /** The configuration record, see the class javadoc. */
    Class<C> configType();

    /** Problems in a bound configuration, with key paths relative to the source entry; empty if fine. */
    default List<ConfigError> validate(C config) {
        return List.of();
    }

    /**
     * Makes a source for a valid configuration (step 1 of the {@link Source} lifecycle): no
     * threads, no heavy I/O yet.
     */
    Source create(C config, SourceContext context);

    /** One line for {@code tributary plugins}. */
    default String description() {
        return "";
    }

    /** The plugin's version, for {@code tributary plugins}: the jar manifest's Implementation-Version by default. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
