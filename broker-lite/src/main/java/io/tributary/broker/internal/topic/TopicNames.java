package io.tributary.broker.internal.topic;

import org.apache.kafka.common.errors.InvalidTopicException;

import java.util.regex.Pattern;

/** Kafka's topic name rules: 1–249 chars of [a-zA-Z0-9._-], not "." or "..". */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {
    }

    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidTopicException("Topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidTopicException("Topic name '" + name + "' is longer than " + MAX_LENGTH + " characters");
        }
        if (!LEGAL.matcher(name).matches()) {
            throw new InvalidTopicException("Topic name '" + name
                    + "' is illegal: it may contain only ASCII letters, digits, '.', '_' and '-'");
        }
    }
}
