package io.tributary.sink.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
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
        // Not Files.walk: it fails with NoSuchFileException when the running sink renames or deletes a temp file
        // the walk has just listed; the temp folder is skipped whole, and a file gone meanwhile is just not listed.
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return root.relativize(d).startsWith(".tmp") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (f.toString().endsWith(suffix)) {
                    found.add(f);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        found.sort(null);
        return found;
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
