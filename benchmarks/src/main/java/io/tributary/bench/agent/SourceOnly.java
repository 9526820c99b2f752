package io.tributary.bench.agent;

import io.tributary.plugin.api.Emitter;
import io.tributary.plugin.api.Event;
import io.tributary.plugin.api.Position;
import io.tributary.plugin.api.Source;
import io.tributary.plugin.api.SourceContext;
import io.tributary.plugins.filetail.FileTailConfig;
import io.tributary.plugins.filetail.FileTailFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-tail source alone, without the agent's pipeline and producer: how fast it turns a
 * file into events (events built, positions made, then dropped by a counting emitter). Run as
 * a child JVM on the agent's class path: {@code SourceOnly <file> <lines>}; prints one line
 * {@code source-only <seconds> <cpu seconds>}.
 */
public final class SourceOnly {
    private SourceOnly() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        long lines = Long.parseLong(args[1]);
        CountDownLatch done = new CountDownLatch(1);
        long[] count = {0};
        Emitter emitter = new Emitter() {
            @Override
            public void emit(Event event, Position position) {
                if (++count[0] == lines) {
                    done.countDown();
                }
            }

            @Override
            public void checkpoint(Position position) {
            }

            @Override
            public void release(String positionKey) {
            }
        };
        Path scratch = Files.createTempDirectory("source-only");
        SourceContext context = new SourceContext() {
            @Override
            public String host() {
                return "bench-host";
            }

            @Override
            public String sourceId() {
                return "access";
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public Path dataDir() {
                return scratch;
            }

            @Override
            public Emitter emitter() {
                return emitter;
            }

            @Override
            public Map<String, Position> restoredPositions() {
                return Map.of();
            }

            @Override
            public Logger logger() {
                return LoggerFactory.getLogger("io.tributary.source.access");
            }

            @Override
            public ThreadFactory threadFactory() {
                return r -> {
                    Thread t = new Thread(r, "tributary-access-1");
                    t.setDaemon(true);
                    return t;
                };
            }
        };
        long t0 = System.nanoTime();
        Source source = new FileTailFactory().create(FileTailConfig.of(List.of(file.toString())), context);
        source.start();
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + count[0] + " of " + lines + " events");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        source.stop();
        System.out.println("source-only " + seconds + " " + Proc.cpuSeconds(ProcessHandle.current().pid()));
    }
}
