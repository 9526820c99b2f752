package io.tributary.broker.internal.api;

/** How clients reach this broker: what Metadata and DescribeCluster report. broker-lite is a one-node cluster. */
public record BrokerIdentity(int nodeId, String host, int port, String clusterId) {
}
