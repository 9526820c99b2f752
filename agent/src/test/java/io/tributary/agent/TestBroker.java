package io.tributary.agent;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerLite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** An in-process broker-lite on a fixed free port, so it can be stopped and started again at the same address. */
final class TestBroker implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private BrokerLite broker;

    TestBroker(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.port = freePort();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    TestBroker start() throws Exception {
        broker = BrokerLite.start(BrokerConfig.defaults(dataDir).withListen(bootstrap()));
        return this;
    }

    void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
