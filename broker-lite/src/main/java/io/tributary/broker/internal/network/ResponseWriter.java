package io.tributary.broker.internal.network;

import io.netty.buffer.Unpooled;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes a response (size prefix, header, body) with kafka-clients' generated message code
 * into the parts Netty writes in order: heap buffers for the protocol fields, and for each
 * records field either the request's own buffer or a {@link FileRecordsRegion} (zero copy).
 * Plays the role kafka-clients' {@code SendBuilder} plays for Kafka's own network layer.
 */
final class ResponseWriter implements Writable {
    private final ByteBuffer fields;
    private final ByteBufferAccessor accessor;
    private final List<Object> parts = new ArrayList<>();
    private int partStart;

    private ResponseWriter(int fieldBytes) {
        this.fields = ByteBuffer.allocate(fieldBytes);
        this.accessor = new ByteBufferAccessor(fields);
    }

    /** The frame parts: {@code io.netty.buffer.ByteBuf}s and {@code io.netty.channel.FileRegion}s. */
    static List<Object> serialize(int correlationId, short headerVersion, ApiMessage body, short version) {
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        header.addSize(size, cache, headerVersion);
        body.addSize(size, cache, version);
        ResponseWriter writer = new ResponseWriter(4 + size.sizeExcludingZeroCopy());
        writer.writeInt(size.totalSize());
        header.write(writer, cache, headerVersion);
        body.write(writer, cache, version);
        writer.closePart();
        return writer.parts;
    }

    private void closePart() {
        if (fields.position() > partStart) {
            parts.add(Unpooled.wrappedBuffer(fields.array(), partStart, fields.position() - partStart));
            partStart = fields.position();
        }
    }

    @Override
    public void writeRecords(BaseRecords records) {
        closePart();
        if (records instanceof FileRecords file) {
            if (file.sizeInBytes() > 0) {
                parts.add(new FileRecordsRegion(file));
            }
        } else if (records instanceof MemoryRecords memory) {
            parts.add(Unpooled.wrappedBuffer(memory.buffer().duplicate()));
        } else {
            throw new IllegalArgumentException("Unsupported records type " + records.getClass().getName());
        }
    }

    @Override
    public void writeByte(byte val) {
        accessor.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        accessor.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        accessor.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        accessor.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        accessor.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        accessor.writeByteArray(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        accessor.writeUnsignedVarint(i);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        accessor.writeByteBuffer(buf);
    }

    @Override
    public void writeVarint(int i) {
        accessor.writeVarint(i);
    }

    @Override
    public void writeVarlong(long i) {
        accessor.writeVarlong(i);
    }

    @Override
    public void writeUuid(Uuid uuid) {
        accessor.writeUuid(uuid);
    }
}
