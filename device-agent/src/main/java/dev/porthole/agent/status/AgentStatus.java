package dev.porthole.agent.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the running agent reports about itself in {@code <state>/status.json} ({@link StatusFile}), read by
 * {@code porthole status} and by support tooling. Written on every state change and at least every
 * {@link StatusFile#HEARTBEAT} while the agent runs.
 *
 * @param pid            the agent's process id
 * @param startedAt      when the agent process started
 * @param updatedAt      when this status was written
 * @param state          the agent's state (the boot state machine's name for it, e.g. {@code IN_SESSION})
 * @param detail         one human line about the state (e.g. the last error), may be empty
 * @param host           the host of the current or last session attempt, may be empty
 * @param reconnects     reconnections since start
 * @param configSource   where the configuration came from ({@code file}, {@code last-known-good}, {@code image-default})
 * @param displayBackend the display backend in use ({@code drm}, {@code fbdev}, {@code window}, {@code headless}), may be empty
 * @param displayMode    the display mode ({@code 1920x1080}), may be empty
 * @param inputDevices   names of the input devices in use
 */
public record AgentStatus(long pid, Instant startedAt, Instant updatedAt, String state, String detail, String host,
                          int reconnects, String configSource, String displayBackend, String displayMode,
                          List<String> inputDevices) {

    public AgentStatus {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid: " + pid + " is not a process id");
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("state: empty");
        }
        detail = detail == null ? "" : detail;
        host = host == null ? "" : host;
        if (reconnects < 0) {
            throw new IllegalArgumentException("reconnects: " + reconnects + " is negative");
        }
        configSource = configSource == null ? "" : configSource;
        displayBackend = displayBackend == null ? "" : displayBackend;
        displayMode = displayMode == null ? "" : displayMode;
        inputDevices = inputDevices == null ? List.of() : List.copyOf(inputDevices);
    }

    /** Time since start at {@link #updatedAt()} (never negative). */
    public Duration uptime() {
        Duration d = Duration.between(startedAt, updatedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public AgentStatus withState(String newState, String newDetail, Instant now) {
        return new AgentStatus(pid, startedAt, now, newState, newDetail, host, reconnects, configSource, displayBackend,
                displayMode, inputDevices);
    }

    public AgentStatus withHost(String newHost, Instant now) {
        return new AgentStatus(pid, startedAt, now, state, detail, newHost, reconnects, configSource, displayBackend,
                displayMode, inputDevices);
    }

    public AgentStatus withReconnects(int n, Instant now) {
        return new AgentStatus(pid, startedAt, now, state, detail, host, n, configSource, displayBackend, displayMode,
                inputDevices);
    }

    public AgentStatus withDisplay(String backend, String mode, Instant now) {
        return new AgentStatus(pid, startedAt, now, state, detail, host, reconnects, configSource, backend, mode,
                inputDevices);
    }

    public AgentStatus withInputDevices(List<String> devices, Instant now) {
        return new AgentStatus(pid, startedAt, now, state, detail, host, reconnects, configSource, displayBackend,
                displayMode, devices);
    }

    public AgentStatus touched(Instant now) {
        return new AgentStatus(pid, startedAt, now, state, detail, host, reconnects, configSource, displayBackend,
                displayMode, inputDevices);
    }
}
