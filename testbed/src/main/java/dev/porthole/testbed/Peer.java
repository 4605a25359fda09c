package dev.porthole.testbed;

import java.nio.file.Path;
import java.util.List;

/**
 * A real peer (session host, broker, ...) started for a test on loopback. Closing it stops every
 * process it started and removes nothing a failing test may still want to read (its workspace
 * stays under the system temp directory until the next run of the same peer kind cleans stale ones).
 */
public interface Peer extends AutoCloseable {

    /** Human-readable name used in messages, for example {@code xrdp 127.0.0.1:40123}. */
    String describe();

    /** Log files of this peer's processes, attached to failing tests. */
    List<Path> logFiles();

    /** Stops every process of this peer. Never throws. */
    @Override
    void close();
}
