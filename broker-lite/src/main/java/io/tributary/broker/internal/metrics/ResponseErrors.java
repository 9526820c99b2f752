package io.tributary.broker.internal.metrics;

import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.stream.Stream;

/**
 * The error a response reports, for the {@code error} label of the request counter: the
 * top-level error code when set, otherwise the first per-topic / per-partition error, otherwise
 * NONE. Responses that carry errors only per partition are listed explicitly; every other
 * response type is read through its generated top-level {@code errorCode()} accessor, if any.
 */
final class ResponseErrors {
    private static final ClassValue<Method> TOP_LEVEL = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method accessor = type.getMethod("errorCode");
                return accessor.getReturnType() == short.class ? accessor : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private ResponseErrors() {
    }

    static Errors of(ApiMessage response) {
        if (response == null) {
            return Errors.NONE;
        }
        short top = topLevel(response);
        if (top != 0) {
            return Errors.forCode(top);
        }
        return Errors.forCode(nested(response).filter(code -> code != 0).findFirst().orElse((short) 0));
    }

    private static short topLevel(ApiMessage response) {
        Method accessor = TOP_LEVEL.get(response.getClass());
        if (accessor == null) {
            return 0;
        }
        try {
            return (short) accessor.invoke(response);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return 0;
        }
    }

    private static Stream<Short> nested(ApiMessage response) {
        if (response instanceof ProduceResponseData r) {
            return r.responses().stream().flatMap(t -> t.partitionResponses().stream()).map(p -> p.errorCode());
        }
        if (response instanceof FetchResponseData r) {
            return r.responses().stream().flatMap(t -> t.partitions().stream()).map(p -> p.errorCode());
        }
        if (response instanceof MetadataResponseData r) {
            return r.topics().stream().map(t -> t.errorCode());
        }
        if (response instanceof ListOffsetsResponseData r) {
            return r.topics().stream().flatMap(t -> t.partitions().stream()).map(p -> p.errorCode());
        }
        if (response instanceof CreateTopicsResponseData r) {
            return r.topics().stream().map(t -> t.errorCode());
        }
        if (response instanceof DeleteTopicsResponseData r) {
            return r.responses().stream().map(t -> t.errorCode());
        }
        if (response instanceof CreatePartitionsResponseData r) {
            return r.results().stream().map(t -> t.errorCode());
        }
        if (response instanceof DescribeConfigsResponseData r) {
            return r.results().stream().map(t -> t.errorCode());
        }
        if (response instanceof OffsetCommitResponseData r) {
            return r.topics().stream().flatMap(t -> t.partitions().stream()).map(p -> p.errorCode());
        }
        if (response instanceof OffsetFetchResponseData r) {
            return r.groups().stream().map(g -> g.errorCode());
        }
        return Stream.empty();
    }
}
