package io.tributary.sink.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real databases the tests use: PostgreSQL on 127.0.0.1:5432 (trust auth, database test) and
 * MariaDB on 127.0.0.1:3306 (root, empty password, database test). Table names are unique per
 * test; {@link #dropAll()} removes them.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=" + postgresUser();
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private final String url;
    private final List<String> tables = new ArrayList<>();

    private TestDatabase(String url) {
        this.url = url;
    }

    public static TestDatabase postgres() {
        return new TestDatabase(POSTGRES_URL);
    }

    public static TestDatabase mariadb() {
        return new TestDatabase(MARIADB_URL);
    }

    private static String postgresUser() {
        for (String user : List.of("postgres", "root")) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=" + user)) {
                return user;
            } catch (SQLException e) {
                // try the next one
            }
        }
        return "postgres";
    }

    public String url() {
        return url;
    }

    /** A fresh table name (also registers {@code <name>_rejects} for dropping). */
    public String newTable(String prefix) {
        String name = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        tables.add(name);
        tables.add(name + "_rejects");
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<List<Object>> rows(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public List<String> strings(String sql) throws SQLException {
        return rows(sql).stream().map(r -> r.get(0) == null ? null : r.get(0).toString()).toList();
    }

    /** Drops the test's tables and its rows in tributary_offsets. */
    public void dropAll() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("CREATE TABLE IF NOT EXISTS tributary_offsets (sink VARCHAR(200) NOT NULL, topic VARCHAR(249) NOT NULL, "
                        + "partition_id INTEGER NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (sink, topic, partition_id))");
                s.execute("DELETE FROM tributary_offsets WHERE sink = '" + table + "'");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        dropAll();
    }
}
