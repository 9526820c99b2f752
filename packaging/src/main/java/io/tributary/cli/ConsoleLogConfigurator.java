package io.tributary.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Set;

/**
 * The launcher's logging: one line per event on stdout, {@code TRIBUTARY_LOG_LEVEL} (default
 * INFO) for Tributary, WARN for the Kafka client and Netty internals. Configured in code rather
 * than logback.xml because parsing XML costs a noticeable part of a broker's start-up time.
 * {@code -Dlogback.configurationFile=FILE} still takes precedence.
 *
 * <p>Tools ({@code topics}, {@code consume}, ...) log to stderr instead, at WARN, with the Kafka
 * client silent: their stdout is data (records, topic lists) and their errors are one line from
 * the command itself, not the client's reconnect warnings. {@code TRIBUTARY_LOG_LEVEL} turns the
 * client's logs back on when debugging.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** Commands that run until stopped and log operational events to stdout. */
    private static final Set<String> ROLES = Set.of("broker", "agent", "sink", "quickstart");

    private static volatile boolean toolMode;

    /** Call before anything logs: a role logs to stdout, a tool to stderr. */
    static void chooseMode(String[] args) {
        toolMode = args.length > 0 && !ROLES.contains(args[0]);
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        if (toolMode) {
            console.setTarget("System.err");
        }
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        String configuredLevel = System.getenv("TRIBUTARY_LOG_LEVEL");
        root.setLevel(Level.toLevel(configuredLevel, toolMode ? Level.WARN : Level.INFO));
        Level clientLevel = toolMode && configuredLevel == null ? Level.OFF : Level.WARN;
        context.getLogger("org.apache.kafka").setLevel(clientLevel);
        context.getLogger("io.netty").setLevel(clientLevel);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
