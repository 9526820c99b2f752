package io.tributary.plugins.filetail.internal;

import java.nio.file.Path;

/** Where a file that cannot be tailed is reported; the reporter logs each problem once. */
interface ProblemReporter {
    void problem(Path path, String reason);
}
