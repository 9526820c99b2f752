package org.example.tributary.tcplines;

import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens on a TCP port; every line a client sends becomes an event whose body is the line and
 * whose attribute {@code remote} is the client's address (plus {@code truncated=true} when the
 * line was cut at {@code max-line-length}).
 *
 * <p>How it follows the {@link Source} lifecycle:
 * <ol>
 *   <li>The constructor (called by the factory's {@code create}) only keeps the config.</li>
 *   <li>{@link #start()} binds the port, so a port in use fails the agent's start with a clear
 *       message, then starts one acceptor thread; each client gets a reader thread.</li>
 *   <li>Readers call {@code emit} per line. When the pipeline pushes back, {@code emit} blocks,
 *       the reader stops reading, and TCP flow control slows the client down: nothing is lost
 *       inside the source.</li>
 *   <li>{@link #stop()} closes the server socket and every client socket, which ends the blocking
 *       {@code accept}/{@code read} calls, interrupts the threads (ending a blocked {@code emit})
 *       and waits for them.</li>
 * </ol>
 * Lines have no position to resume from (a client cannot resend), so the source is not
 * replayable and emits {@code null} positions; the agent spools its events while the broker is away.
 *
 * <p>Thread-safe: {@code start} and {@code stop} may run on agent threads while readers run.
 */
public final class TcpLinesSource implements Source {
    private static final long JOIN_MILLIS = 2_000;

    private final TcpLinesConfig config;
    private final SourceContext context;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean stopped;

    TcpLinesSource(TcpLinesConfig config, SourceContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public void start() throws IOException {
        InetSocketAddress wanted = config.address();
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(wanted.getHostString()), wanted.getPort()));
        } catch (IOException e) {
            socket.close();
            throw new IOException("tcp-lines " + context.sourceId() + ": cannot listen on " + config.listen()
                    + ": " + e.getMessage(), e);
        }
        server = socket;
        context.logger().info("tcp-lines: listening on {}", socket.getLocalSocketAddress());
        startThread(this::acceptLoop);
    }

    /** The port actually bound (useful with {@code listen: host:0}); -1 before {@link #start()}. */
    public int localPort() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public void stop() {
        stopped = true;
        closeQuietly(server);
        clients.forEach(TcpLinesSource::closeQuietly);
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!stopped) {
                    context.logger().warn("tcp-lines: accept failed on {}: {}", config.listen(), e.getMessage());
                }
                return;
            }
            if (clients.size() >= config.maxConnections()) {
                context.logger().warn("tcp-lines: refused {}: already {} clients (max-connections)",
                        client.getRemoteSocketAddress(), clients.size());
                closeQuietly(client);
                continue;
            }
            clients.add(client);
            if (stopped) {
                // stop() may have closed the client list just before this one was added.
                closeQuietly(client);
                return;
            }
            startThread(() -> readLoop(client));
        }
    }

    private void readLoop(Socket client) {
        String remote = client.getInetAddress().getHostAddress() + ":" + client.getPort();
        try (client) {
            LineReader reader = new LineReader(client.getInputStream(), config.maxLineLength().bytesAsInt());
            LineReader.Line line;
            while (!stopped && (line = reader.next()) != null) {
                Event.Builder event = context.newEvent().body(line.text()).attribute("remote", remote);
                if (line.truncated()) {
                    event.attribute("truncated", "true");
                }
                context.emitter().emit(event.build(), null);
            }
        } catch (SocketException e) {
            // The client reset the connection, or stop() closed it: either way this client is done.
        } catch (IOException e) {
            if (!stopped) {
                context.logger().warn("tcp-lines: reading from {} failed: {}", remote, e.getMessage());
            }
        } catch (InterruptedException e) {
            // stop() interrupted a blocked emit.
        } catch (IllegalStateException e) {
            // The agent refuses emits after stop(); a line in flight then is dropped by design.
            if (!stopped) {
                throw e;
            }
        } finally {
            clients.remove(client);
        }
    }

    private void startThread(Runnable task) {
        Thread t = context.threadFactory().newThread(task);
        t.setDaemon(true);
        threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
        threads.add(t);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // Closing to stop; nothing useful to do about a failed close.
        }
    }
}
