package io.tributary.plugins.hostmetrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobFilterTest {
    @Test
    void emptyIncludeMeansEverythingNotExcluded() {
        GlobFilter filter = new GlobFilter(List.of(), List.of("lo", "veth*"));
        assertThat(filter.accepts("eth0")).isTrue();
        assertThat(filter.accepts("lo")).isFalse();
        assertThat(filter.accepts("veth1a2b")).isFalse();
        assertThat(filter.accepts("lo0")).as("globs match whole names").isTrue();
    }

    @Test
    void includeListRestrictsAndExcludeWins() {
        GlobFilter filter = new GlobFilter(List.of("sd?", "nvme*"), List.of("sdb"));
        assertThat(filter.accepts("sda")).isTrue();
        assertThat(filter.accepts("sdb")).isFalse();
        assertThat(filter.accepts("sda1")).isFalse();
        assertThat(filter.accepts("nvme0n1")).isTrue();
        assertThat(filter.accepts("vda")).isFalse();
    }

    @Test
    void starCrossesSlashesAndOtherCharactersAreLiteral() {
        GlobFilter mounts = new GlobFilter(List.of(), List.of("/var/lib/docker/*", "/snap*"));
        assertThat(mounts.accepts("/var/lib/docker/overlay2/abc/merged")).isFalse();
        assertThat(mounts.accepts("/snap/core/123")).isFalse();
        assertThat(mounts.accepts("/")).isTrue();
        GlobFilter types = new GlobFilter(List.of("fuse.lxcfs", "a+b"), List.of());
        assertThat(types.accepts("fuse.lxcfs")).isTrue();
        assertThat(types.accepts("fuseXlxcfs")).as("a dot is not a regex wildcard").isFalse();
        assertThat(types.accepts("a+b")).isTrue();
        assertThat(types.accepts("aab")).isFalse();
    }
}
