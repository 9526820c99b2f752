package io.tributary.broker.internal.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Small helpers shared by the group API handlers. */
final class GroupRequests {
    private GroupRequests() {
    }

    /** The client's host as Kafka reports it in DescribeGroups ({@code /127.0.0.1}). */
    static String clientHost(RequestContext context) {
        SocketAddress address = context.clientAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().toString();
        }
        return String.valueOf(address);
    }

    static String clientId(RequestContext context) {
        String id = context.header().clientId();
        return id == null ? "" : id;
    }
}
