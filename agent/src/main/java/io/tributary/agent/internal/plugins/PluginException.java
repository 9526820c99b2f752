package io.tributary.agent.internal.plugins;

/** A plugin that cannot be used (broken jar, duplicate type). */
public final class PluginException extends Exception {
    public PluginException(String message) {
        super(message);
    }
}
