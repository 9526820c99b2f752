package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Draws the broker benchmark's lite/Kafka ratios as a PNG: one horizontal bar per figure of the report table, on a
 * log scale around a 1.0x reference line (a 0.5x and a 2x bar are the same length), green where broker-lite is
 * better given the figure's "higher/lower is better" direction, red where Kafka is, grey "n/a" where a figure is
 * missing.
 *
 * <p>The chart is drawn from a results JSON ({@code broker-benchmark-<stamp>.json}: {@code table}, {@code settings},
 * {@code environment}, {@code generatedAt}), so a run and a later redraw go through the same code:
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath) \
 *     io.tributary.bench.RatioChart benchmarks/results/latest.json out.png</pre>
 *
 * <p>Plain Java2D in headless mode, logical {@link Font#SANS_SERIF} font (DejaVu Sans on Debian). A JDK without any
 * font (no fontconfig fonts installed) cannot draw text; {@link #tryWrite} then logs one line and writes nothing.
 */
public final class RatioChart {
    static final int WIDTH = 1000;
    static final Color BETTER = new Color(0x2E7D32);
    static final Color WORSE = new Color(0xC62828);
    static final Color EVEN = new Color(0x9E9E9E);

    private static final int ROW_HEIGHT = 26;
    private static final int HEADER_HEIGHT = 104;
    private static final int AXIS_HEIGHT = 42;
    private static final int FOOTER_HEIGHT = 46;
    private static final int MARGIN = 20;
    /** Room beside a bar's end for its "0.22x" label, so the longest bars' labels stay inside the image. */
    private static final int VALUE_ROOM = 52;
    private static final Color INK = new Color(0x212121);
    private static final Color MUTED = new Color(0x616161);
    private static final Color GRID = new Color(0xE0E0E0);
    private static final Color STRIPE = new Color(0xF5F5F5);

    static {
        // Before any AWT class initialises: the benchmark JVM is started without -Djava.awt.headless=true.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * One figure: lite/Kafka {@code ratio}, NaN when either side is missing ({@code missing} then says which, e.g.
     * "no broker-lite figure").
     */
    record Bar(String figure, String unit, double ratio, boolean higherIsBetter, String missing) {
        String label() {
            return figure + ", " + unit;
        }

        /** The colour: whether broker-lite's figure is the better one, given the figure's direction. */
        Color colour() {
            if (Math.abs(ratio - 1) < 0.005) {
                return EVEN;
            }
            return (ratio > 1) == higherIsBetter ? BETTER : WORSE;
        }

        boolean measured() {
            return Double.isFinite(ratio) && ratio > 0;
        }
    }

    /** What one chart shows. */
    record Chart(String title, String subtitle, List<Bar> bars) {}

    private RatioChart() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The command line: {@code RatioChart RESULTS.json OUT.png}; 0 = written, 1 = failed, 2 = bad usage. */
    static int run(String[] args) {
        if (args.length != 2 || args[0].startsWith("-")) {
            System.err.println("usage: RatioChart RESULTS.json OUT.png   (RESULTS.json: a broker-benchmark-<stamp>.json)");
            return 2;
        }
        Path json = Path.of(args[0]);
        Path png = Path.of(args[1]);
        if (!Files.isRegularFile(json)) {
            System.err.println("error: no such results file: " + json);
            return 1;
        }
        boolean ok = tryWrite(json, png, System.err::println);
        if (ok) {
            System.out.println("wrote " + png);
        }
        return ok ? 0 : 1;
    }

    /**
     * Draws the chart of {@code json} into {@code png}; on failure logs one line through {@code log} and returns
     * false, so a benchmark run whose reports are already written does not fail over its picture.
     */
    static boolean tryWrite(Path json, Path png, Consumer<String> log) {
        Chart chart;
        try {
            chart = fromJson(json);
        } catch (IOException | IllegalArgumentException e) {
            log.accept("chart not drawn: cannot read " + json + ": " + e.getMessage());
            return false;
        }
        String noText = textUnavailable();
        if (noText != null) {
            log.accept("chart not drawn: Java2D cannot render text here (" + noText + "); on Debian install"
                    + " fonts-dejavu-core (and fontconfig), then redraw with io.tributary.bench.RatioChart");
            return false;
        }
        try {
            write(chart, png);
            return true;
        } catch (IOException e) {
            log.accept("chart not drawn: cannot write " + png + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * Null when Java2D can lay out text, else why not. On a machine without any font file the JDK reports it only as
     * a bare {@code java.lang.Error} ("Probable fatal error: No physical fonts found") or an {@code InternalError}
     * from its fontconfig set-up, on first use; without libawt's native libraries, as a {@code LinkageError} or
     * {@code AWTError}. So this probes a 1x1 image and catches Error there, rethrowing any other VirtualMachineError.
     */
    static String textUnavailable() {
        try {
            Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            try {
                g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).stringWidth("1.00x");
            } finally {
                g.dispose();
            }
            return null;
        } catch (Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
                throw e;
            }
            return rootCause(e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Reads the report table and the run's settings from a {@code broker-benchmark-<stamp>.json}. */
    static Chart fromJson(Path json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonNode table = doc == null ? null : doc.get("table");
        if (table == null || !table.isArray()) {
            throw new IllegalArgumentException("no \"table\" array (not a broker-benchmark results file?)");
        }
        List<Bar> bars = new ArrayList<>();
        for (JsonNode row : table) {
            JsonNode ratio = row.get("ratioLiteOverKafka");
            String missing = !row.path("brokerLite").isNumber() ? "no broker-lite figure"
                    : !row.path("kafka").isNumber() ? "no Kafka figure" : "no ratio";
            bars.add(new Bar(row.path("figure").asText("?"), row.path("unit").asText(""),
                    ratio == null || !ratio.isNumber() ? Double.NaN : ratio.asDouble(),
                    "higher".equals(row.path("better").asText()), missing));
        }
        JsonNode s = doc.path("settings");
        String lite = s.path("liteSlotIsKafkaStandIn").asBoolean(false) ? "lite slot (Kafka stand-in)" : "broker-lite";
        String title = lite + " vs Apache Kafka " + s.path("kafkaVersion").asText("?") + ": lite/Kafka ratio per figure";
        String date = doc.path("generatedAt").asText("");
        String subtitle = String.join("  ·  ",
                date.length() >= 10 ? date.substring(0, 10) : "date unknown",
                Fmt.num(s.path("recordsPerProduceRun").asDouble(Double.NaN), 0) + " records x "
                        + s.path("recordSizeBytes").asText("?") + " B per produce run",
                s.path("partitions").asText("?") + " partitions",
                doc.path("environment").path("availableProcessors").asText("?") + " CPUs",
                "log scale");
        return new Chart(title, subtitle, bars);
    }

    static int height(int bars) {
        return HEADER_HEIGHT + bars * ROW_HEIGHT + AXIS_HEIGHT + FOOTER_HEIGHT;
    }

    static void write(Chart chart, Path png) throws IOException {
        BufferedImage img = render(chart);
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    static BufferedImage render(Chart chart) {
        List<Bar> bars = chart.bars();
        int h = height(bars.size());
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, h);
            new Layout(g, chart).draw();
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Pixel positions of one chart, and the drawing. */
    private static final class Layout {
        private final Graphics2D g;
        private final Chart chart;
        private final Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        private final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        private final Font value = new Font(Font.SANS_SERIF, Font.BOLD, 12);
        private final int directionX;
        private final int plotLeft;
        private final int plotRight;
        private final int rowsTop = HEADER_HEIGHT;
        private final double logLo;
        private final double logHi;

        Layout(Graphics2D g, Chart chart) {
            this.g = g;
            this.chart = chart;
            FontMetrics fm = g.getFontMetrics(label);
            int labelWidth = 0;
            for (Bar b : chart.bars()) {
                labelWidth = Math.max(labelWidth, fm.stringWidth(b.label()));
            }
            directionX = MARGIN + 6 + labelWidth + 10;
            plotLeft = directionX + g.getFontMetrics(small).stringWidth("higher better") + 10 + VALUE_ROOM;
            plotRight = WIDTH - MARGIN - VALUE_ROOM;
            double lo = 1;
            double hi = 1;
            for (Bar b : chart.bars()) {
                if (b.measured()) {
                    lo = Math.min(lo, b.ratio());
                    hi = Math.max(hi, b.ratio());
                }
            }
            // At least 0.5x..2x, and a little room past the extreme bars.
            logLo = Math.log10(Math.min(lo / 1.15, 0.5));
            logHi = Math.log10(Math.max(hi * 1.15, 2));
        }

        int x(double ratio) {
            return (int) Math.round(plotLeft + (Math.log10(ratio) - logLo) / (logHi - logLo) * (plotRight - plotLeft));
        }

        void draw() {
            drawHeader();
            int rowsBottom = rowsTop + chart.bars().size() * ROW_HEIGHT;
            for (int i = 0; i < chart.bars().size(); i++) {
                if (i % 2 == 1) {
                    g.setColor(STRIPE);
                    g.fillRect(MARGIN, rowsTop + i * ROW_HEIGHT, WIDTH - 2 * MARGIN, ROW_HEIGHT);
                }
            }
            drawGrid(rowsBottom);
            for (int i = 0; i < chart.bars().size(); i++) {
                drawRow(chart.bars().get(i), rowsTop + i * ROW_HEIGHT);
            }
            g.setColor(INK);
            g.setStroke(new BasicStroke(1.5f));
            g.drawLine(x(1), rowsTop - 6, x(1), rowsBottom);
            drawFooter(rowsBottom + AXIS_HEIGHT);
        }

        private void drawHeader() {
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(chart.title(), MARGIN, 30);
            g.setColor(MUTED);
            g.setFont(label);
            g.drawString(chart.subtitle(), MARGIN, 52);
            // Legend, then what left / right of the line means.
            int y = 76;
            int lx = MARGIN;
            lx = legendEntry(lx, y, BETTER, "broker-lite better");
            lx = legendEntry(lx, y, WORSE, "Kafka better");
            legendEntry(lx, y, EVEN, "even");
            g.setFont(small);
            g.setColor(MUTED);
            g.drawString("better", directionX, rowsTop - 6);
        }

        private int legendEntry(int x, int y, Color c, String text) {
            g.setColor(c);
            g.fillRect(x, y - 6, 14, 10);
            g.setColor(INK);
            g.setFont(small);
            g.drawString(text, x + 19, y + 4);
            return x + 19 + g.getFontMetrics().stringWidth(text) + 18;
        }

        private void drawGrid(int rowsBottom) {
            g.setFont(small);
            FontMetrics fm = g.getFontMetrics();
            g.setStroke(new BasicStroke(1f));
            for (double t : ticks()) {
                int tx = x(t);
                g.setColor(GRID);
                g.drawLine(tx, rowsTop, tx, rowsBottom);
                g.setColor(MUTED);
                String s = tickLabel(t);
                g.drawString(s, tx - fm.stringWidth(s) / 2, rowsBottom + 16);
            }
            String left = "< broker-lite lower";
            String right = "broker-lite higher >";
            g.drawString(left, x(1) - 8 - fm.stringWidth(left), rowsBottom + 34);
            g.drawString(right, x(1) + 8, rowsBottom + 34);
        }

        /** 1-2-5 steps inside the axis range. */
        private List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (int exp = (int) Math.floor(logLo) - 1; exp <= (int) Math.ceil(logHi); exp++) {
                for (int m : new int[] {1, 2, 5}) {
                    double t = m * Math.pow(10, exp);
                    double lt = Math.log10(t);
                    if (lt >= logLo - 1e-9 && lt <= logHi + 1e-9) {
                        ticks.add(t);
                    }
                }
            }
            return ticks;
        }

        private static String tickLabel(double t) {
            String s = t >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.3f", t)
                    .replaceAll("0+$", "");
            return s + "x";
        }

        private void drawRow(Bar b, int top) {
            int mid = top + ROW_HEIGHT / 2;
            g.setFont(label);
            FontMetrics fm = g.getFontMetrics();
            int baseline = mid + (fm.getAscent() - fm.getDescent()) / 2;
            g.setColor(INK);
            g.drawString(b.label(), directionX - 10 - fm.stringWidth(b.label()), baseline);
            g.setFont(small);
            g.setColor(MUTED);
            g.drawString(b.higherIsBetter() ? "higher" : "lower", directionX, baseline);

            g.setFont(value);
            fm = g.getFontMetrics();
            int one = x(1);
            if (!b.measured()) {
                g.setFont(small);
                g.setColor(MUTED);
                String text = "n/a: " + b.missing();
                int w = g.getFontMetrics().stringWidth(text);
                g.drawString(text, one + 8 + w <= WIDTH - MARGIN ? one + 8 : one - 8 - w, baseline);
                return;
            }
            int end = x(b.ratio());
            int barHeight = ROW_HEIGHT - 10;
            g.setColor(b.colour());
            g.fillRect(Math.min(one, end), mid - barHeight / 2, Math.max(Math.abs(end - one), 2), barHeight);
            String text = Fmt.num(b.ratio(), 2) + "x";
            g.setColor(INK);
            g.drawString(text, b.ratio() < 1 ? end - 6 - fm.stringWidth(text) : end + 6, baseline);
        }

        private void drawFooter(int top) {
            g.setFont(small);
            g.setColor(MUTED);
            g.drawString("Ratios from one run on the same machine (benchmarks/run-broker-benchmark.sh), broker-lite and"
                    + " Kafka one after the other with Kafka's own load tools.", MARGIN, top + 14);
            g.drawString("Ratio = broker-lite's figure / Kafka's. One run on a small machine is noisy: see"
                    + " benchmarks/README.md for the run-to-run spread before reading much into a single bar.",
                    MARGIN, top + 30);
        }
    }
}
