package io.tributary.cli.quickstart;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample queries shown at the end of a quickstart, run on its DuckDB warehouse. The access
 * log lines are stored as they were written (column {@code body}); the queries take them apart
 * with regular expressions, as an analyst would before adding a parser to the pipeline.
 */
public final class WarehouseQueries {
    /** A titled query and its SQL, which the summary prints so the user can run it again. */
    public record Query(String title, String sql) {
    }

    /** A query's result as text cells. */
    public record Result(Query query, List<String> columns, List<List<String>> rows) {
    }

    public static final Query TABLE_ROWS = new Query("Rows in the warehouse",
            "SELECT 'logs' AS \"table\", count(*) AS \"rows\", strftime(min(ts), '%Y-%m-%d %H:%M:%S') AS first,\n"
                    + "       strftime(max(ts), '%Y-%m-%d %H:%M:%S') AS last FROM logs\n"
                    + "UNION ALL SELECT 'metrics', count(*), strftime(min(ts), '%Y-%m-%d %H:%M:%S'),\n"
                    + "       strftime(max(ts), '%Y-%m-%d %H:%M:%S') FROM metrics");
    public static final Query TOP_PATHS = new Query("Top 5 paths by hits",
            "SELECT regexp_extract(body, '\"[A-Z]+ ([^ ?]+)', 1) AS path, count(*) AS hits\n"
                    + "FROM logs GROUP BY path ORDER BY hits DESC, path LIMIT 5");
    public static final Query STATUS_CODES = new Query("Responses by status",
            "SELECT regexp_extract(body, '\" ([0-9]{3}) ', 1) AS status, count(*) AS hits,\n"
                    + "       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct\n"
                    + "FROM logs GROUP BY status ORDER BY status");
    public static final Query CPU_OVER_TIME = new Query("CPU use per 10 s (latest 6 buckets)",
            "SELECT strftime(bucket, '%H:%M:%S') AS \"time\", samples, cpu_pct FROM (\n"
                    + "  SELECT time_bucket(INTERVAL 10 SECOND, ts) AS bucket, count(*) AS samples,\n"
                    + "         round(100 * avg(CAST(fields->>'usage' AS DOUBLE)), 1) AS cpu_pct\n"
                    + "  FROM metrics WHERE metric = 'cpu' AND (attributes->>'cpu') = 'cpu-total'\n"
                    + "  GROUP BY bucket ORDER BY bucket DESC LIMIT 6)\n"
                    + "ORDER BY bucket");

    public static final List<Query> SAMPLES = List.of(TABLE_ROWS, TOP_PATHS, STATUS_CODES, CPU_OVER_TIME);

    private WarehouseQueries() {
    }

    /** Runs each query on the warehouse file, in order. */
    public static List<Result> run(Path warehouse, List<Query> queries) throws SQLException {
        List<Result> results = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath())) {
            for (Query query : queries) {
                results.add(run(connection, query));
            }
        }
        return results;
    }

    private static Result run(Connection connection, Query query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query.sql())) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return new Result(query, columns, rows);
        }
    }
}
