package io.tributary.broker.internal.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.broker.internal.api.RequestDispatcher;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The TCP side of the broker: Kafka frames (a 4-byte big-endian size, then the request) over
 * Netty's NIO transport. NIO rather than epoll because its {@code FileRegion} path uses
 * {@code FileChannel.transferTo}, i.e. sendfile, for any region type, and it needs no native jar.
 */
public final class KafkaServer implements AutoCloseable {
    private final EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("broker-accept", true));
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    /**
     * Binds and starts serving.
     *
     * @param maxFrameBytes frames larger than this close the connection (Kafka's socket.request.max.bytes)
     * @param dispatcher    supplies the request dispatcher, which may be set only once the bound port is
     *                      known (Metadata reports it); connections accepted before that are closed
     */
    public KafkaServer(InetSocketAddress listen, int ioThreads, int maxFrameBytes, Supplier<RequestDispatcher> dispatcher)
            throws InterruptedException {
        this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("broker-io", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 512)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RequestDispatcher requests = dispatcher.get();
                        if (requests == null) {
                            ch.close();
                            return;
                        }
                        ch.pipeline()
                                .addLast("frames", new LengthFieldBasedFrameDecoder(maxFrameBytes, 0, 4, 0, 4))
                                .addLast("requests", new ConnectionHandler(requests));
                    }
                });
        try {
            this.serverChannel = bootstrap.bind(listen).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting, closes every connection and waits for the I/O threads to finish. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
