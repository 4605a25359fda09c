package dev.porthole.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the peer programs installed from Debian packages. */
public final class Programs {

    private static final List<String> SEARCH_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Programs() {}

    /** The absolute path of {@code program}, or a {@link PeerException} naming the package to install. */
    public static Path require(String program, String debianPackage) {
        for (String dir : SEARCH_PATH) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw PeerException.missing(program, debianPackage);
    }

    /** Whether the program exists, for optional helpers. */
    public static boolean present(String program) {
        return SEARCH_PATH.stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
