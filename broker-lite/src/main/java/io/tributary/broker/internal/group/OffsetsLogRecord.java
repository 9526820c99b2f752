package io.tributary.broker.internal.group;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The kinds of record in the offsets log; see {@link OffsetsLog} for the framing. */
sealed interface OffsetsLogRecord {
    byte COMMIT = 1;
    byte DELETE_OFFSET = 2;
    byte DELETE_GROUP = 3;

    void writeTo(DataOutputStream out) throws IOException;

    /** A committed offset: {@code type=1, group, topic, partition, offset, leaderEpoch, metadata?, timestamp}. */
    record Commit(String group, String topic, int partition, CommittedOffset value) implements OffsetsLogRecord {
        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            out.writeByte(COMMIT);
            out.writeUTF(group);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(value.offset());
            out.writeInt(value.leaderEpoch());
            out.writeBoolean(value.metadata() != null);
            if (value.metadata() != null) {
                out.writeUTF(value.metadata());
            }
            out.writeLong(value.commitTimestampMs());
        }
    }

    /** An offset removed (OffsetDelete, expiry, topic deleted): {@code type=2, group, topic, partition}. */
    record DeleteOffset(String group, String topic, int partition) implements OffsetsLogRecord {
        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            out.writeByte(DELETE_OFFSET);
            out.writeUTF(group);
            out.writeUTF(topic);
            out.writeInt(partition);
        }
    }

    /** Every offset of a group removed (DeleteGroups, expiry): {@code type=3, group}. */
    record DeleteGroup(String group) implements OffsetsLogRecord {
        @Override
        public void writeTo(DataOutputStream out) throws IOException {
            out.writeByte(DELETE_GROUP);
            out.writeUTF(group);
        }
    }

    static OffsetsLogRecord readFrom(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case COMMIT -> {
                String group = in.readUTF();
                String topic = in.readUTF();
                int partition = in.readInt();
                long offset = in.readLong();
                int epoch = in.readInt();
                String metadata = in.readBoolean() ? in.readUTF() : null;
                long ts = in.readLong();
                yield new Commit(group, topic, partition, new CommittedOffset(offset, epoch, metadata, ts));
            }
            case DELETE_OFFSET -> new DeleteOffset(in.readUTF(), in.readUTF(), in.readInt());
            case DELETE_GROUP -> new DeleteGroup(in.readUTF());
            default -> throw new IOException("unknown record type " + type);
        };
    }
}
