package org.example.tributary.tcplines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.plugin.api.DataSize;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.testkit.SourceHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin under the API's test kit: {@link SourceHarness} finds it through
 * META-INF/services, validates the config, starts it and records what it emits, without an
 * agent or a broker. Real sockets on an ephemeral port of 127.0.0.1.
 */
class TcpLinesSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SourceHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private int start(TcpLinesConfig config) throws Exception {
        harness = SourceHarness.forType("tcp-lines", dir);
        return ((TcpLinesSource) harness.start(config)).localPort();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void eachLineFromEachClientBecomesAnEvent() throws Exception {
        int port = start(new TcpLinesConfig("127.0.0.1:0", null, null));
        try (Socket a = connect(port); Socket b = connect(port)) {
            send(a, "first from a\nsecond from a\r\n");
            harness.emitter().awaitEvents(2, WAIT);
            send(b, "from b, no newline at the end");
        }
        List<Event> events = harness.emitter().awaitEvents(3, WAIT);
        assertThat(events).extracting(Event::body)
                .containsExactly("first from a", "second from a", "from b, no newline at the end");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.attributes().get("remote")).startsWith("127.0.0.1:");
            assertThat(e.attributes()).doesNotContainKey("truncated");
            assertThat(e.host()).isNotBlank();
        });
        assertThat(events.get(0).attributes().get("remote")).isNotEqualTo(events.get(2).attributes().get("remote"));
        assertThat(harness.emitter().emitted()).allSatisfy(e -> assertThat(e.position()).isNull());
    }

    @Test
    void aLongLineIsCutAndFlaggedAndTheNextLineIsIntact() throws Exception {
        int port = start(new TcpLinesConfig("127.0.0.1:0", DataSize.ofBytes(10), null));
        try (Socket s = connect(port)) {
            send(s, "0123456789abcdefghij".repeat(1000) + "\nshort\n");
            List<Event> events = harness.emitter().awaitEvents(2, WAIT);
            assertThat(events.get(0).body()).isEqualTo("0123456789");
            assertThat(events.get(0).attributes()).containsEntry("truncated", "true");
            assertThat(events.get(1).body()).isEqualTo("short");
            assertThat(events.get(1).attributes()).doesNotContainKey("truncated");
        }
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        int port = start(TcpLinesConfig.defaults().withListen("127.0.0.1:0"));
        try (Socket s = connect(port)) {
            s.getOutputStream().write(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28, '\n'});
            s.getOutputStream().write("grüße\n".getBytes(StandardCharsets.UTF_8));
            List<Event> events = harness.emitter().awaitEvents(2, WAIT);
            assertThat(events.get(0).body()).isEqualTo("ok\uFFFD(");
            assertThat(events.get(1).body()).isEqualTo("grüße");
        }
    }

    @Test
    void clientsBeyondMaxConnectionsAreClosedAndTheOthersGoOn() throws Exception {
        int port = start(new TcpLinesConfig("127.0.0.1:0", null, 1));
        try (Socket first = connect(port)) {
            send(first, "one\n");
            harness.emitter().awaitEvents(1, WAIT);
            try (Socket second = connect(port)) {
                assertThat(second.getInputStream().read()).as("closed by the source").isEqualTo(-1);
            }
            send(first, "two\n");
            assertThat(harness.emitter().awaitEvents(2, WAIT)).extracting(Event::body).containsExactly("one", "two");
        }
    }

    @Test
    void stopClosesTheClientsAndThePortPromptly() throws Exception {
        int port = start(new TcpLinesConfig("127.0.0.1:0", null, null));
        try (Socket client = connect(port)) {
            send(client, "hello\n");
            harness.emitter().awaitEvents(1, WAIT);
            long begin = System.nanoTime();
            harness.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
            InputStream in = client.getInputStream();
            assertThat(in.read()).as("connection closed by stop()").isEqualTo(-1);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aFullPipelinePausesTheReaderAndStopStillReturnsPromptly() throws Exception {
        harness = SourceHarness.forType("tcp-lines", dir).capacity(1);
        int port = ((TcpLinesSource) harness.start(new TcpLinesConfig("127.0.0.1:0", null, null))).localPort();
        try (Socket client = connect(port)) {
            send(client, "one\ntwo\nthree\n");
            // "one" fills the pipeline; the reader now waits in emit("two") until the agent acknowledges.
            harness.emitter().awaitBlocked(1, WAIT);
            assertThat(harness.emitter().events()).extracting(Event::body).containsExactly("one");
            harness.emitter().ack(1);
            harness.emitter().awaitEvents(2, WAIT);
            harness.emitter().awaitBlocked(1, WAIT);

            long begin = System.nanoTime();
            harness.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
            assertThat(harness.emitter().events()).extracting(Event::body).containsExactly("one", "two");
        }
    }

    @Test
    void aPortInUseFailsTheStartWithTheAddress() throws Exception {
        int port = start(new TcpLinesConfig("127.0.0.1:0", null, null));
        SourceHarness second = SourceHarness.forType("tcp-lines", dir);
        try {
            assertThatThrownBy(() -> second.start(new TcpLinesConfig("127.0.0.1:" + port, null, null)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
        } finally {
            second.close();
        }
    }
}
