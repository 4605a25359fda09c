package dev.porthole.agent.fleet;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import dev.porthole.agent.boot.BootMachine;
import dev.porthole.provisioning.command.DeviceControl;
import org.tinylog.Logger;

/**
 * The fleet's commands on this device: {@code reconnect} restarts the session through the boot machine,
 * {@code screenshot} is what the display shows, {@code logs} the tail of the agent's log file,
 * {@code set-log-level} is stored in the state directory and used from the next start (TinyLog fixes
 * its level when it starts), {@code reboot} runs the device's reboot action.
 */
public final class AgentDeviceControl implements DeviceControl {

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private final BootMachine machine;
    private final Supplier<byte[]> screenshot;
    private final Path logFile;
    private final Path levelFile;
    private final Runnable reboot;

    /**
     * @param screenshot PNG of what the display shows
     * @param logFile    the agent's current log file ({@code <state>/logs/porthole.log})
     * @param levelFile  where a requested log level is kept for the next start
     * @param reboot     restarts the device (on the appliance: {@code systemctl reboot})
     */
    public AgentDeviceControl(BootMachine machine, Supplier<byte[]> screenshot, Path logFile, Path levelFile, Runnable reboot) {
        this.machine = machine;
        this.screenshot = screenshot;
        this.logFile = logFile;
        this.levelFile = levelFile;
        this.reboot = reboot;
    }

    @Override
    public void reconnectSession() {
        machine.reconnectNow("fleet command");
    }

    @Override
    public void reboot() {
        Logger.tag("agent").info("reboot requested by the fleet");
        machine.shutdown();
        reboot.run();
    }

    @Override
    public byte[] screenshotPng() {
        byte[] png = screenshot.get();
        if (png == null || png.length == 0) {
            throw new IllegalStateException("nothing is on the display yet");
        }
        return png;
    }

    @Override
    public byte[] logTail(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes " + maxBytes);
        }
        try (RandomAccessFile f = new RandomAccessFile(logFile.toRealPath().toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, maxBytes);
            byte[] out = new byte[n];
            f.seek(len - n);
            f.readFully(out);
            int start = 0;
            if (n < len) { // start at a whole line
                while (start < n && out[start] != '\n') {
                    start++;
                }
                start = Math.min(n, start + 1);
            }
            return java.util.Arrays.copyOfRange(out, start, n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the log " + logFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setLogLevel(String level) {
        String l = level == null ? "" : level.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(l)) {
            throw new IllegalArgumentException("log level '" + level + "' is not one of trace, debug, info, warn, error");
        }
        try {
            Files.createDirectories(levelFile.getParent());
            Path tmp = levelFile.resolveSibling(levelFile.getFileName() + ".tmp");
            Files.writeString(tmp, l + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, levelFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the log level: " + e.getMessage(), e);
        }
        Logger.tag("agent").info("log level {} stored; it applies from the next start", l);
    }

    /** The stored log level, or {@code dflt}. */
    public static String storedLevel(Path levelFile, String dflt) {
        try {
            String l = Files.readString(levelFile, StandardCharsets.UTF_8).strip();
            return LEVELS.contains(l) ? l : dflt;
        } catch (IOException e) {
            return dflt;
        }
    }
}
