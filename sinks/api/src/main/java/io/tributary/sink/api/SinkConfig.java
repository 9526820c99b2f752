package io.tributary.sink.api;

/** A sink's typed configuration. */
public interface SinkConfig {
    /** Checks every value; throws {@link IllegalArgumentException} whose message starts with the key ({@code "url: must start with jdbc:"}). */
    default void validate() {
    }
}
