package dev.porthole.agent.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.provisioning.json.StrictJson;
import org.tinylog.Logger;

/**
 * Writes the agent's state to {@code <state>/status.json} on every change (temp file, then rename, so
 * readers never see half a file): {@code state}, {@code detail}, {@code since}, {@code pid}.
 */
public final class StatusFileWriter implements BootObserver {

    private final Path file;

    /** Writes {@code file}. */
    public StatusFileWriter(Path file) {
        this.file = file;
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void stateChanged(BootState state, String detail) {
        ObjectNode o = StrictJson.object();
        o.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        o.put("detail", detail);
        o.put("since", Instant.now().toString());
        o.put("pid", ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, (StrictJson.pretty(o) + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Logger.tag("agent").warn("status file not written file={} error={}", file, e.getMessage());
        }
    }
}
