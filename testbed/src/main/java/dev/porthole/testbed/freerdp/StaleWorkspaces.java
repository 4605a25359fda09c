package dev.porthole.testbed.freerdp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes workspaces of one peer kind left by test JVMs that are no longer running
 * ({@code $TMPDIR/porthole-testbed/<kind>-<pid>-...}, see {@code Workspace}). Workspaces of live
 * JVMs, including this one, are kept so failing tests can still be investigated.
 */
final class StaleWorkspaces {

    private StaleWorkspaces() {}

    static void clean(String kind) {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "porthole-testbed");
        if (!Files.isDirectory(root)) {
            return;
        }
        Pattern name = Pattern.compile(Pattern.quote(kind) + "-(\\d+)-.*");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.toList();
        } catch (IOException e) {
            return;
        }
        for (Path dir : dirs) {
            Matcher m = name.matcher(dir.getFileName().toString());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a stale workspace that cannot be removed does no harm
        }
    }
}
