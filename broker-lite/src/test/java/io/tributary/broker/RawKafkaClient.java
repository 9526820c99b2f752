package io.tributary.broker;

import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * A bare Kafka-protocol client over a blocking socket, for the tests that must send what a
 * well-behaved client never would (raw bytes, duplicate batches, every API version).
 */
final class RawKafkaClient implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private int correlationId;

    RawKafkaClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends one request and returns the parsed response. */
    AbstractResponse send(ApiMessage request, short version) throws IOException {
        ApiKeys key = ApiKeys.forId(request.apiKey());
        RequestHeaderData headerData = new RequestHeaderData().setRequestApiKey(key.id).setRequestApiVersion(version)
                .setClientId("raw-test").setCorrelationId(++correlationId);
        ByteBuffer body = RequestUtils.serialize(headerData, key.requestHeaderVersion(version), request, version);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        sendFrame(bytes);
        byte[] response = readFrame();
        return AbstractResponse.parseResponse(ByteBuffer.wrap(response), new RequestHeader(headerData, key.requestHeaderVersion(version)));
    }

    /** Writes a 4-byte size and the payload. */
    void sendFrame(byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    byte[] readFrame() throws IOException {
        int size = in.readInt();
        byte[] data = new byte[size];
        in.readFully(data);
        return data;
    }

    /** True when the broker has closed the connection (read returns EOF or the socket is reset). */
    boolean closedByBroker() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
