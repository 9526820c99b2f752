package io.tributary.sink.jdbc.internal;

import io.tributary.sink.api.SinkException;
import io.tributary.sink.api.SinkPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tributary_offsets} table: {@code (sink, topic, partition_id) -> next_offset}, written
 * in the same transaction as the rows. Writes are fenced: an update only succeeds if the row
 * still holds the offset this sink read or last wrote, so a member that lost its partitions
 * without noticing (a "zombie") cannot commit a duplicate batch after the new owner did.
 * Not thread-safe: owned by its sink.
 */
final class OffsetStore {
    private final String table;
    private final String sink;
    /** What the database holds for each owned partition, as far as this sink knows; absent = no row. */
    private final Map<SinkPartition, Long> known = new HashMap<>();

    OffsetStore(String table, String sink) {
        this.table = table;
        this.sink = sink;
    }

    Map<SinkPartition, Long> load(Connection connection, Set<SinkPartition> partitions) throws SQLException {
        Map<SinkPartition, Long> found = read(connection, partitions);
        partitions.forEach(known::remove);
        known.putAll(found);
        return found;
    }

    /** What the database holds now (ends the read transaction); changes nothing this store knows. */
    Map<SinkPartition, Long> read(Connection connection, Set<SinkPartition> partitions) throws SQLException {
        Map<SinkPartition, Long> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT next_offset FROM " + table + " WHERE sink = ? AND topic = ? AND partition_id = ?")) {
            for (SinkPartition p : partitions) {
                select.setString(1, sink);
                select.setString(2, p.topic());
                select.setInt(3, p.partition());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        found.put(p, rs.getLong(1));
                    }
                }
            }
        }
        connection.commit(); // end the read transaction
        return found;
    }

    /** What this store believes the database holds for these partitions (absent = no row). */
    Map<SinkPartition, Long> known(Set<SinkPartition> partitions) {
        Map<SinkPartition, Long> view = new HashMap<>();
        partitions.forEach(p -> {
            if (known.containsKey(p)) {
                view.put(p, known.get(p));
            }
        });
        return view;
    }

    /** Stages the new next offsets in the open transaction; throws if another writer moved them. */
    void stage(Connection connection, Map<SinkPartition, Long> nextOffsets) throws SQLException, SinkException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET next_offset = ? WHERE sink = ? AND topic = ? AND partition_id = ? AND next_offset = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + table + " (sink, topic, partition_id, next_offset) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<SinkPartition, Long> e : nextOffsets.entrySet()) {
                SinkPartition p = e.getKey();
                Long expected = known.get(p);
                if (expected != null) {
                    update.setLong(1, e.getValue());
                    update.setString(2, sink);
                    update.setString(3, p.topic());
                    update.setInt(4, p.partition());
                    update.setLong(5, expected);
                    if (update.executeUpdate() != 1) {
                        throw fenced(p);
                    }
                } else {
                    insert.setString(1, sink);
                    insert.setString(2, p.topic());
                    insert.setInt(3, p.partition());
                    insert.setLong(4, e.getValue());
                    try {
                        insert.executeUpdate();
                    } catch (SQLException duplicate) {
                        if (duplicate.getSQLState() != null && duplicate.getSQLState().startsWith("23")) {
                            throw fenced(p);
                        }
                        throw duplicate;
                    }
                }
            }
        }
    }

    /** After the transaction committed. */
    void committed(Map<SinkPartition, Long> nextOffsets) {
        known.putAll(nextOffsets);
    }

    void forget(Set<SinkPartition> partitions) {
        partitions.forEach(known::remove);
    }

    SinkException fenced(SinkPartition p) {
        return new SinkException("offsets of " + p + " in " + table + " were moved by another writer of sink '" + sink
                + "' (this member lost the partition); nothing of this batch was committed");
    }
}
