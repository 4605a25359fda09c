package dev.porthole.agent.fleet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.porthole.agent.cli.PortholeCli;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fleet end-to-end tests share: the {@code porthole} CLI run in-process (its output kept for
 * assertions), waiting on a condition with the agent's run log in the failure, and an agent configuration
 * for the FreeRDP shadow peer with the fleet link on.
 */
abstract class FleetEndToEndSupport {

    @TempDir
    Path tmp;

    String out;
    String err;

    /** Runs {@code porthole args...} in-process and keeps its output in {@link #out} and {@link #err}. */
    int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = PortholeCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    static void await(String what, BooleanSupplier c, Object log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what + "\nrun log:\n" + log);
            }
            Thread.sleep(50);
        }
    }

    /** Extra members of the configuration's {@code provisioning} object, each with a leading comma (or ""). */
    String provisioningExtras() {
        return "";
    }

    String agentConfig(MosquittoBroker broker, FreeRdpShadowServer server, int idleSeconds) {
        return """
                {"schema": 1,
                 "connection": {"hosts": ["127.0.0.1:%d"], "security": "nla", "trust": {"mode": "pinned", "sha256": "%s"}},
                 "credentials": {"mode": "kiosk", "username": "%s", "domain": "%s"},
                 "desktop": {"width": 1024, "height": 768},
                 "kiosk": {"idleTimeoutSeconds": %d, "idleAction": "disconnect"},
                 "provisioning": {"enabled": true, "brokerUrl": "%s", "tenant": "acme"%s}}
                """.formatted(server.port(), server.certificateSha256(), server.username(), server.domain(), idleSeconds,
                broker.uri(), provisioningExtras());
    }
}
