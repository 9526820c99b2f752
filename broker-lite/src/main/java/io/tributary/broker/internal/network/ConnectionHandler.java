package io.tributary.broker.internal.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.tributary.broker.internal.api.ApiVersionRanges;
import io.tributary.broker.internal.api.RequestContext;
import io.tributary.broker.internal.api.RequestDispatcher;
import io.tributary.broker.internal.api.ApiVersionsHandler;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection. Requests are served strictly one at a time in arrival order, because
 * Kafka clients match responses to requests by order: while a request waits (a long-polling
 * fetch), later frames queue up, and reading from the socket pauses when the queue is full or
 * the client is not reading its responses.
 *
 * <p>A request that cannot be understood (unknown API, unsupported version, malformed body)
 * closes this connection with one log line; other connections are unaffected. The only
 * exception is ApiVersions, which answers an unsupported version with UNSUPPORTED_VERSION and
 * the supported ranges, as Kafka does, so that newer clients can downgrade.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final int MAX_QUEUED_FRAMES = 16;

    private final RequestDispatcher dispatcher;
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;

    ConnectionHandler(RequestDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queued.add((ByteBuf) msg);
        if (queued.size() >= MAX_QUEUED_FRAMES) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ByteBuf frame;
        while ((frame = queued.poll()) != null) {
            frame.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException
                || (cause.getCause() instanceof TooLongFrameException)) {
            log.warn("Closing connection from {}: bad frame: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private void drain() {
        while (!busy && ctx.channel().isActive() && ctx.channel().isWritable()) {
            ByteBuf frame = queued.poll();
            if (frame == null) {
                break;
            }
            process(frame);
        }
        if (queued.size() < MAX_QUEUED_FRAMES / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void process(ByteBuf frame) {
        ByteBuffer buf = frame.nioBuffer();
        RequestHeader header;
        AbstractRequest request;
        try {
            if (buf.remaining() < 8) {
                throw new IllegalArgumentException("request of " + buf.remaining() + " bytes is shorter than a request header");
            }
            short apiKeyId = buf.getShort(buf.position());
            short version = buf.getShort(buf.position() + 2);
            if (!ApiKeys.hasId(apiKeyId) || !ApiVersionRanges.all().containsKey(ApiKeys.forId(apiKeyId))) {
                throw new IllegalArgumentException("unsupported API key " + apiKeyId);
            }
            ApiKeys apiKey = ApiKeys.forId(apiKeyId);
            if (!ApiVersionRanges.supports(apiKey, version)) {
                if (apiKey == ApiKeys.API_VERSIONS) {
                    int correlationId = buf.getInt(buf.position() + 4);
                    frame.release();
                    log.info("Client {} asked for ApiVersions v{}; answering UNSUPPORTED_VERSION so it can downgrade",
                            ctx.channel().remoteAddress(), version);
                    send(correlationId, (short) 0, ApiVersionsHandler.response(Errors.UNSUPPORTED_VERSION), (short) 0, apiKey);
                    return;
                }
                throw new IllegalArgumentException("unsupported version " + version + " of " + apiKey.name
                        + " (supported " + ApiVersionRanges.min(apiKey) + "-" + ApiVersionRanges.max(apiKey) + ")");
            }
            header = RequestHeader.parse(buf);
            request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(buf)).request;
        } catch (RuntimeException e) {
            frame.release();
            log.warn("Closing connection from {}: malformed request: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
            return;
        }
        CompletableFuture<ApiMessage> result;
        try {
            result = dispatcher.dispatch(new RequestContext(header, ctx.channel().remoteAddress(), ctx.executor()), request)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (result.isDone()) {
            complete(frame, header, request, result);
        } else {
            busy = true;
            final AbstractRequest req = request;
            final CompletableFuture<ApiMessage> pending = result;
            pending.whenComplete((r, e) -> ctx.executor().execute(() -> {
                busy = false;
                complete(frame, header, req, pending);
                drain();
            }));
        }
    }

    private void complete(ByteBuf frame, RequestHeader header, AbstractRequest request, CompletableFuture<ApiMessage> result) {
        ApiMessage response;
        try {
            response = result.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.warn("{} request from {} failed: {}", header.apiKey().name, ctx.channel().remoteAddress(), cause.toString());
            response = request.getErrorResponse(0, cause).data();
        } finally {
            // Produce data has been written to the log by now; the frame's memory can be reused.
            frame.release();
        }
        if (response != null) {
            send(header.correlationId(), header.apiKey().responseHeaderVersion(header.apiVersion()), response,
                    header.apiVersion(), header.apiKey());
        }
    }

    private void send(int correlationId, short headerVersion, ApiMessage response, short version, ApiKeys apiKey) {
        List<Object> parts;
        try {
            parts = ResponseWriter.serialize(correlationId, headerVersion, response, version);
        } catch (RuntimeException e) {
            log.warn("Closing connection from {}: could not encode {} v{} response: {}",
                    ctx.channel().remoteAddress(), apiKey.name, version, e.toString());
            ctx.close();
            return;
        }
        for (Object part : parts) {
            ctx.write(part, ctx.voidPromise());
        }
        ctx.flush();
    }
}
