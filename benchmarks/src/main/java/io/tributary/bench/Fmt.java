package io.tributary.bench;

import java.util.Locale;

final class Fmt {
    private Fmt() {}

    static String num(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** The kafka-clients version on this JVM's classpath (from kafka/kafka-version.properties). */
    static String kafkaVersion() {
        try (java.io.InputStream in = Fmt.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
