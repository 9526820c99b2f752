package io.tributary.sink.runner;

final class ConfigChecks {
    private ConfigChecks() {
    }

    static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }
}
