package io.tributary.bench.sink;

import io.tributary.sink.runner.LoadReport;
import io.tributary.sink.runner.SinkFactories;
import io.tributary.sink.runner.SinkRunner;
import io.tributary.sink.runner.SinkRunnerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sink benchmark: loads N agent-style JSON log events from a partitioned topic into PostgreSQL
 * (the postgres sink, COPY) and DuckDB (the duckdb sink, appender), and in the same run measures
 * each database's own bulk path on the same rows: {@code psql \copy} from CSV, and DuckDB's
 * {@code read_json} of the same JSON Lines. Prints rows/s and the sink/baseline ratio.
 * Run it with {@code benchmarks/run-sink-benchmark.sh}; never part of the test phase.
 */
@Command(name = "sink-benchmark", mixinStandardHelpOptions = true,
        description = "Sinks vs the databases' own bulk loaders (psql \\copy, DuckDB read_json), same rows, same run.")
public final class SinkBenchmark implements Callable<Integer> {

    @Option(names = {"-n", "--records"}, defaultValue = "2000000", description = "events (default ${DEFAULT-VALUE})")
    long records;

    @Option(names = {"-p", "--partitions"}, defaultValue = "6", description = "topic partitions (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--batch-records", defaultValue = "100000", description = "postgres sink batch.max-records (default ${DEFAULT-VALUE})")
    int batchRecords;

    /**
     * DuckDB writes a transaction's full row groups (122,880 rows) straight into the database file; a smaller batch
     * goes through the WAL and is written again by a checkpoint, so the duckdb sink's README asks for batches of at
     * least that many records.
     */
    @Option(names = "--duckdb-batch-records", defaultValue = "250000",
            description = "duckdb sink batch.max-records; at least 122880 (one DuckDB row group) avoids the WAL (default ${DEFAULT-VALUE})")
    int duckdbBatchRecords;

    @Option(names = "--duckdb-batch-bytes", defaultValue = "134217728", description = "duckdb sink batch.max-bytes (default ${DEFAULT-VALUE})")
    long duckdbBatchBytes;

    @Option(names = "--pg-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", description = "PostgreSQL (default ${DEFAULT-VALUE})")
    String pgUrl;

    @Option(names = "--psql", defaultValue = "psql -h 127.0.0.1 -p 5432 -U postgres -d test", description = "psql command for the \\copy baseline (default ${DEFAULT-VALUE})")
    String psql;

    @Option(names = "--targets", defaultValue = "postgres,duckdb", split = ",", description = "which warehouses (default ${DEFAULT-VALUE})")
    List<String> targets;

    @Option(names = "--rounds", defaultValue = "1", description = "baseline/sink pairs per warehouse; the report shows the median ratio (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--lite-classpath-file", required = true, description = "file holding the launcher's classpath (broker-lite)")
    Path liteClasspathFile;

    @Option(names = {"-o", "--output-dir"}, defaultValue = "benchmarks/results", description = "report folder (default ${DEFAULT-VALUE})")
    Path outputDir;

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> perRound = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("sink-bench");
        try {
            return run(work);
        } finally {
            deleteTree(work);
        }
    }

    private int run(Path work) throws Exception {
        Path csv = work.resolve("events.csv");
        Path jsonl = work.resolve("events.jsonl");
        long jsonBytes = BenchEvents.writeFiles(records, 42, csv, jsonl);
        System.out.printf("%,d events, %,d bytes of JSON (%.0f B/event), %d partitions%n", records, jsonBytes, (double) jsonBytes / records, partitions);

        try (BrokerChild broker = BrokerChild.start(Files.readString(liteClasspathFile).trim(), work.resolve("broker"), work.resolve("broker.log"))) {
            produce(broker.bootstrap(), jsonl);
            // Each round measures baseline and sink back to back, so both see the same machine load.
            List<double[]> pg = new ArrayList<>();
            List<double[]> duck = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    System.out.printf("-- round %d of %d%n", round, rounds);
                }
                if (targets.contains("postgres")) {
                    double copy = psqlCopy(csv);
                    pg.add(new double[]{copy, sink(broker.bootstrap(), work, "postgres", pgUrl, "bench_sink_pg")});
                }
                if (targets.contains("duckdb")) {
                    Path baselineDb = work.resolve("baseline-" + round + ".duckdb");
                    Path sinkDb = work.resolve("sink-" + round + ".duckdb");
                    duck.add(new double[]{duckdbReadJson(baselineDb, jsonl),
                            sink(broker.bootstrap(), work, "duckdb", "jdbc:duckdb:" + sinkDb, "bench_sink_duck")});
                    Files.deleteIfExists(baselineDb);
                    Files.deleteIfExists(sinkDb);
                }
            }
            if (!pg.isEmpty()) {
                double[] m = median(pg);
                row("PostgreSQL", "psql \\copy from CSV", m[0], "tributary postgres sink (COPY)", m[1]);
                perRound("PostgreSQL", pg);
            }
            if (!duck.isEmpty()) {
                double[] m = median(duck);
                row("DuckDB", "read_json of JSON Lines", m[0], "tributary duckdb sink (read_json pass-through)", m[1]);
                perRound("DuckDB", duck);
            }
        }
        report();
        return 0;
    }

    private void produce(String bootstrap, Path jsonl) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench-logs", partitions, (short) 1))).all().get();
        }
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20), new ByteArraySerializer(), new ByteArraySerializer());
             BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            long i = 0;
            while ((line = in.readLine()) != null) {
                producer.send(new ProducerRecord<>("bench-logs", (int) (i++ % partitions), null, line.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        System.out.printf("produced into bench-logs in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** Baseline: psql's client-side \copy of the CSV into the same columns the sink's log-event mapping creates. */
    private double psqlCopy(Path csv) throws Exception {
        String table = "bench_copy_baseline";
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (ts timestamptz NOT NULL, host text, source text, body text, attributes jsonb)");
        }
        checkpoint();
        List<String> command = new ArrayList<>(List.of(psql.split(" ")));
        command.addAll(List.of("-v", "ON_ERROR_STOP=1", "-c", "\\copy " + table + " (ts, host, source, body, attributes) FROM '" + csv + "' WITH (FORMAT csv)"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql \\copy failed: " + out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = count(pgUrl, table);
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
        return rate("psql \\copy", count, seconds);
    }

    private double duckdbReadJson(Path file, Path jsonl) throws SQLException {
        String url = "jdbc:duckdb:" + file;
        long start;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE baseline (ts TIMESTAMPTZ NOT NULL, host VARCHAR, source VARCHAR, body VARCHAR, attributes JSON)");
            start = System.nanoTime();
            s.execute("INSERT INTO baseline SELECT timestamp, host, source, body, attributes FROM read_json('" + jsonl + "', "
                    + "format = 'newline_delimited', columns = {timestamp: 'TIMESTAMPTZ', host: 'VARCHAR', source: 'VARCHAR', "
                    + "body: 'VARCHAR', attributes: 'JSON'})");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return rate("DuckDB read_json", count(url, "baseline"), seconds);
    }

    private double sink(String bootstrap, Path work, String type, String url, String table) throws Exception {
        if (type.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("DROP TABLE IF EXISTS " + table + "_rejects");
                s.execute("CREATE TABLE IF NOT EXISTS tributary_offsets (sink VARCHAR(200) NOT NULL, topic VARCHAR(249) NOT NULL, "
                        + "partition_id INTEGER NOT NULL, next_offset BIGINT NOT NULL, PRIMARY KEY (sink, topic, partition_id))");
                s.execute("DELETE FROM tributary_offsets WHERE sink = '" + table + "'");
            }
        }
        if (type.equals("postgres")) {
            checkpoint();
        }
        String yaml = "input:\n  bootstrap.servers: " + bootstrap + "\n  standalone: true\nstate-dir: " + work.resolve("state")
                + "\nsinks:\n  - type: " + type + "\n    topics: [bench-logs]\n    url: '" + url + "'\n    table: " + table
                + "\n    mapping: log-event\n    batch: {max-records: " + (type.equals("duckdb") ? duckdbBatchRecords : batchRecords)
                + ", max-bytes: " + (type.equals("duckdb") ? duckdbBatchBytes : 134217728L) + "}\n";
        LoadReport report;
        try (SinkRunner runner = SinkRunner.open(SinkRunnerConfig.parse(yaml, SinkFactories.load()))) {
            report = runner.runOnce(table);
        }
        long count = count(url, table);
        if (count != records || report.rows() != records) {
            throw new IllegalStateException(table + " holds " + count + " rows, report says " + report.rows() + ", expected " + records);
        }
        if (type.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
                s.execute("DROP TABLE IF EXISTS " + table + "_rejects");
                s.execute("DELETE FROM tributary_offsets WHERE sink = '" + table + "'");
            }
        }
        return rate(type + " sink", report.rows(), report.seconds());
    }

    /** Both PostgreSQL steps start from a clean checkpoint, so neither pays for the other's WAL. */
    private void checkpoint() throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** The round with the median sink/baseline ratio. */
    private static double[] median(List<double[]> rounds) {
        List<double[]> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(r -> r[1] / r[0]));
        return sorted.get(sorted.size() / 2);
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double rate(String what, long rows, double seconds) {
        double rate = rows / seconds;
        System.out.printf("%-22s %,12d rows in %7.2f s = %,10.0f rows/s%n", what, rows, seconds, rate);
        return rate;
    }

    private void perRound(String warehouse, List<double[]> rounds) {
        if (rounds.size() > 1) {
            perRound.add(warehouse + " per round (baseline rows/s, sink rows/s, ratio): " + rounds.stream()
                    .map(r -> String.format("%,.0f / %,.0f = %.2f×", r[0], r[1], r[1] / r[0])).collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    private void row(String warehouse, String baselineName, double baseline, String sinkName, double sink) {
        rows.add(new String[]{warehouse, baselineName, String.format("%,.0f", baseline), sinkName, String.format("%,.0f", sink),
                String.format("%.2f×", sink / baseline)});
    }

    private void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format("Sink benchmark, %s: %,d JSON events (~250 B), %d partitions, batch.max-records %d (duckdb %d, max-bytes %d), %d cores, "
                        + "median of %d round(s)%n%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19),
                records, partitions, batchRecords, duckdbBatchRecords, duckdbBatchBytes, Runtime.getRuntime().availableProcessors(), rounds));
        md.append("| warehouse | baseline | baseline rows/s | sink | sink rows/s | sink / baseline |\n|---|---|---:|---|---:|---:|\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!perRound.isEmpty()) {
            md.append("\n");
            perRound.forEach(line -> md.append(line).append("\n"));
        }
        System.out.println();
        System.out.print(md);
        Files.createDirectories(outputDir);
        Path file = outputDir.resolve("sink-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(file, md.toString());
        System.out.println("\nreport: " + file);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
