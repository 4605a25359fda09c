package dev.porthole.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.status.AgentStatus;
import dev.porthole.agent.status.StatusFile;
import dev.porthole.agent.status.StatusFile.Liveness;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code porthole status}: what the running agent wrote to {@code <state>/status.json}, and whether it is still
 * running. Exit status 0 when an agent is running and its status is fresh, 3 otherwise (no status, agent gone, or
 * stale), like {@code systemctl status}.
 */
@Command(name = "status", description = "Show the running agent's state (session, host, uptime, reconnects, display, "
        + "input) from its state directory.")
public final class StatusCommand implements Callable<Integer> {

    /** Exit status when no agent is running or its status is stale. */
    public static final int NOT_RUNNING = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: $PORTHOLE_STATE_DIR or " + StateDirectory.DEFAULT + ").")
    Path stateDir;

    @Option(names = "--json", description = "Print the status as JSON, with a \"liveness\" member.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StatusFile file = StatusFile.of(StateDirectory.resolve(stateDir, System.getenv()));
        Optional<AgentStatus> s;
        try {
            s = file.read();
        } catch (StatusFile.StatusException e) {
            err.println("porthole: cannot read the agent status: " + e.getMessage());
            return 1;
        }
        ObjectMapper mapper = new ObjectMapper();
        if (s.isEmpty()) {
            if (json) {
                ObjectNode n = mapper.createObjectNode();
                n.put("liveness", "not-running");
                n.put("reason", "no status file " + file.path());
                out.println(n.toPrettyString());
            } else {
                out.println("porthole agent: not running (no status file " + file.path() + ")");
            }
            return NOT_RUNNING;
        }
        AgentStatus st = s.get();
        Instant now = Instant.now();
        Liveness l = StatusFile.inspect(st, now, StatusFile.processAlive(st.pid()) ? p -> true : p -> false);
        if (json) {
            try {
                ObjectNode n = (ObjectNode) mapper.readTree(StatusFile.toJson(st));
                n.put("liveness", l.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                n.put("ageSeconds", Duration.between(st.updatedAt(), now).toSeconds());
                out.println(n.toPrettyString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(headline(st, l, now));
            out.println("  state:        " + st.state() + (st.detail().isEmpty() ? "" : " — " + st.detail()));
            out.println("  host:         " + (st.host().isEmpty() ? "-" : st.host()));
            out.println("  uptime:       " + human(st.uptime()) + " (at last update)");
            out.println("  reconnects:   " + st.reconnects());
            out.println("  display:      " + (st.displayBackend().isEmpty() ? "-" : st.displayBackend())
                    + (st.displayMode().isEmpty() ? "" : " " + st.displayMode()));
            out.println("  input:        " + (st.inputDevices().isEmpty() ? "-" : String.join(", ", st.inputDevices())));
            out.println("  config:       " + (st.configSource().isEmpty() ? "-" : st.configSource()));
            dev.porthole.agent.fleet.FleetAgent.statusLine(StateDirectory.resolve(stateDir, System.getenv()).root()
                    .resolve("provisioning")).ifPresent(f -> out.println("  fleet:        " + f));
            out.println("  updated:      " + st.updatedAt() + " (" + human(Duration.between(st.updatedAt(), now)) + " ago)");
        }
        return l == Liveness.RUNNING ? 0 : NOT_RUNNING;
    }

    static String headline(AgentStatus st, Liveness l, Instant now) {
        return switch (l) {
            case RUNNING -> "porthole agent: running (pid " + st.pid() + ")";
            case STALE -> "porthole agent: STALE — pid " + st.pid() + " exists but has not updated its status for "
                    + human(Duration.between(st.updatedAt(), now)) + " (more than " + human(StatusFile.STALE_AFTER)
                    + "); it may be hung";
            case NOT_RUNNING -> "porthole agent: not running (pid " + st.pid() + " is gone; last status below, "
                    + "written " + st.updatedAt() + ")";
        };
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02ds", s % 60);
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d" + String.format("%02dh", (s % 86_400) / 3600);
    }
}
