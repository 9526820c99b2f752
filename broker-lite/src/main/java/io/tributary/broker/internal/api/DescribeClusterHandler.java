package io.tributary.broker.internal.api;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeClusterRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeCluster: this broker, which is also the controller of its one-node cluster. */
public final class DescribeClusterHandler implements ApiHandler {
    private static final byte BROKER_ENDPOINT = 1;
    private final BrokerIdentity broker;

    public DescribeClusterHandler(BrokerIdentity broker) {
        this.broker = broker;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext context, AbstractRequest request) {
        DescribeClusterRequestData req = ((DescribeClusterRequest) request).data();
        DescribeClusterResponseData resp = new DescribeClusterResponseData()
                .setClusterId(broker.clusterId()).setControllerId(broker.nodeId());
        if (context.apiVersion() >= 1 && req.endpointType() != BROKER_ENDPOINT) {
            return CompletableFuture.completedFuture(resp.setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("broker-lite serves broker endpoints only").setEndpointType(req.endpointType()));
        }
        resp.brokers().add(new DescribeClusterResponseData.DescribeClusterBroker()
                .setBrokerId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()));
        if (context.apiVersion() >= 1) {
            resp.setEndpointType(BROKER_ENDPOINT);
        }
        return CompletableFuture.completedFuture(resp);
    }
}
