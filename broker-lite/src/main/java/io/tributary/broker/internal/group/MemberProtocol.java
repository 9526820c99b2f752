package io.tributary.broker.internal.group;

/** A protocol a member supports (for consumers: an assignor such as "range") with its metadata (the subscription). */
public record MemberProtocol(String name, byte[] metadata) {
}
