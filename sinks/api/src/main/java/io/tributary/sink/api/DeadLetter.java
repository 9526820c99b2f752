package io.tributary.sink.api;

/**
 * Where rejected records go. Configured per sink as {@code dead-letter: {table: NAME}} or
 * {@code dead-letter: {topic: NAME}}; when omitted, {@link Default}.
 */
public sealed interface DeadLetter {

    /** The sink stores rejects in this table, in the same transaction as the good rows. */
    record Table(String name) implements DeadLetter {
    }

    /** The runner produces rejects to this topic (headers carry the reason and source position) before the sink commits. */
    record Topic(String name) implements DeadLetter {
    }

    /** Not configured: the sink's own default (JDBC sinks: table {@code <table>_rejects}; files: a {@code _rejects/} folder). */
    record Default() implements DeadLetter {
    }
}
