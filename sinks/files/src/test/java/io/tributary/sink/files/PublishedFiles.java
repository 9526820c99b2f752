package io.tributary.sink.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads what a files sink published (ignoring its temp folder). */
final class PublishedFiles {
    private PublishedFiles() {
    }

    static List<Path> list(Path root) throws IOException {
        return list(root, ".jsonl.gz");
    }

    static List<Path> list(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix) && !root.relativize(f).startsWith(".tmp"))
                    .sorted().toList();
        }
    }

    static List<String> lines(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    static List<String> allLines(Path root, String under) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : list(root)) {
            if (root.relativize(f).startsWith(under)) {
                all.addAll(lines(f));
            }
        }
        return all;
    }
}
