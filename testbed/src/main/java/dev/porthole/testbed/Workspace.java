package dev.porthole.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A private directory for one peer instance: {@code $TMPDIR/porthole-testbed/<kind>-<pid>-<n>}.
 * The process id and a counter keep concurrent runs apart.
 */
public final class Workspace {

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    private Workspace() {}

    public static Path create(String kind) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "porthole-testbed");
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(kind + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()
                    + "-" + Long.toHexString(System.nanoTime() & 0xffffff));
            Files.createDirectories(dir);
            // world-traversable: peers drop privileges to a generated test user and must reach their files
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create testbed workspace under " + root, e);
        }
    }
}
