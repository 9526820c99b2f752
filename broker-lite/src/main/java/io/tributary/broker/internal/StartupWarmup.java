package io.tributary.broker.internal;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Loads the heaviest classes of the broker on the second core while the main thread parses the
 * command line, sets up logging and opens the logs: Netty's platform probing and channel
 * classes, kafka-clients' {@code ApiKeys} (which builds the schema of every API when first
 * touched), and the seeding of the secure random generator behind topic ids. Done in parallel,
 * the broker is ready to serve sooner. Nothing waits for it: class initialization is
 * thread-safe, so whichever thread needs a class first simply finishes loading it.
 */
public final class StartupWarmup {
    private static volatile boolean started;

    private StartupWarmup() {
    }

    public static void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(StartupWarmup::load, "startup-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void load() {
        ClassLoader loader = StartupWarmup.class.getClassLoader();
        for (String name : new String[]{
                "io.netty.buffer.PooledByteBufAllocator",
                "io.netty.channel.nio.NioEventLoopGroup",
                "io.netty.channel.socket.nio.NioServerSocketChannel",
                "io.netty.channel.socket.nio.NioSocketChannel",
                "io.netty.bootstrap.ServerBootstrap",
                "io.netty.handler.codec.LengthFieldBasedFrameDecoder"}) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return;
            }
        }
        ApiKeys.values();
        Uuid.randomUuid();
    }
}
