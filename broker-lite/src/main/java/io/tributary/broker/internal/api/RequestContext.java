package io.tributary.broker.internal.api;

import io.netty.util.concurrent.EventExecutor;
import org.apache.kafka.common.requests.RequestHeader;

import java.net.SocketAddress;

/** What a handler knows about a request besides its body. */
public record RequestContext(RequestHeader header, SocketAddress clientAddress, EventExecutor executor) {
    public short apiVersion() {
        return header.apiVersion();
    }
}
