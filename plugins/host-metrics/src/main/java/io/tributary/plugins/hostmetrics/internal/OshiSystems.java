package io.tributary.plugins.hostmetrics.internal;

import io.tributary.plugins.hostmetrics.OshiProvider;
import oshi.spi.SystemInfoProvider;
import oshi.util.PlatformEnum;

/**
 * Picks the OSHI implementation. The native-free one (Linux) reads only procfs and sysfs: no
 * native library to load, and per-device refreshes read one sysfs file where the JNA one
 * re-enumerates udev. It is constructed directly rather than through OSHI's ServiceLoader
 * factory, which consults the thread's context class loader and so may not see OSHI at all
 * inside a plugin class loader.
 */
public final class OshiSystems {
    private OshiSystems() {
    }

    /** Whether {@link OshiProvider#NATIVE_FREE} works on this OS. */
    public static boolean nativeFreeSupported() {
        return PlatformEnum.getCurrentPlatform() == PlatformEnum.LINUX;
    }

    public static SystemInfoProvider create(OshiProvider provider) {
        return switch (provider) {
            case NATIVE_FREE -> new oshi.nativefree.SystemInfo();
            case JNA -> new oshi.SystemInfo();
            case AUTO -> nativeFreeSupported() ? new oshi.nativefree.SystemInfo() : new oshi.SystemInfo();
        };
    }
}
