package dev.porthole.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private directory for one peer instance: {@code $TMPDIR/porthole-testbed/<kind>-<pid>-<n>-<hex>}.
 * The process id and a counter keep concurrent runs apart, and the process id tells which workspaces
 * are stale: creating a workspace first removes those of the same kind whose JVM is gone. Workspaces of
 * running JVMs, this one included, stay, so a failing test can still be investigated.
 */
public final class Workspace {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Workspace() {}

    /** The directory all workspaces live in. */
    public static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "porthole-testbed");
    }

    /** Removes stale workspaces of {@code kind} (see {@link #removeStale(String)}), then creates a new one. */
    public static Path create(String kind) {
        return create(kind, dir -> {});
    }

    /**
     * Like {@link #create(String)}, calling {@code beforeRemoving} for each stale workspace before it is
     * deleted (for example to stop a daemon that a killed JVM left running there).
     */
    public static Path create(String kind, Consumer<Path> beforeRemoving) {
        if (!kind.matches("[a-z0-9]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("workspace kind must be lower-case words joined by '-': " + kind);
        }
        removeStale(kind, beforeRemoving);
        Path root = root();
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

    /** Deletes the workspaces of {@code kind} whose JVM no longer runs. Best effort; never throws. */
    public static void removeStale(String kind) {
        removeStale(kind, dir -> {});
    }

    private static void removeStale(String kind, Consumer<Path> beforeRemoving) {
        Path root = root();
        if (!Files.isDirectory(root)) {
            return;
        }
        // the pid follows the kind directly; "xrdp" does not match "xfreerdp-..." nor "freerdp-shadow" "freerdp-..."
        Pattern name = Pattern.compile(Pattern.quote(kind) + "-(\\d+)-\\d+-\\p{XDigit}+");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.toList();
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        for (Path dir : dirs) {
            Matcher m = name.matcher(dir.getFileName().toString());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                try {
                    beforeRemoving.accept(dir);
                } catch (RuntimeException e) {
                    // deleting the files is still worth it
                }
                deleteTree(dir);
            }
        }
    }

    /** Deletes {@code dir} and everything below it without following links. Best effort; never throws. */
    public static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // vanished meanwhile (a concurrent run cleaning up) or unreadable
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a stale workspace that cannot be removed does no harm
        }
    }
}
