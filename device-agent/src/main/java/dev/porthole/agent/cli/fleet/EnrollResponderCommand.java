package dev.porthole.agent.cli.fleet;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.porthole.provisioning.fleet.EnrollmentResponder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code porthole fleet enroll-responder}: answers enrollment requests until stopped. */
@Command(name = "enroll-responder", mixinStandardHelpOptions = true,
        description = "Answer devices' enrollment requests (claim, CSR) with device certificates from the fleet CA."
                + " Runs until stopped (Ctrl-C, SIGTERM) or for --duration; can run as a service.")
public final class EnrollResponderCommand implements Callable<Integer> {

    @Mixin
    FleetOptions common;

    @Option(names = "--certificate-validity", paramLabel = "DURATION", defaultValue = "365d",
            converter = FleetOptions.DurationConverter.class,
            description = "Validity of device certificates (default: ${DEFAULT-VALUE}).")
    Duration certificateValidity;

    @Option(names = "--duration", paramLabel = "DURATION", converter = FleetOptions.DurationConverter.class,
            description = "Stop after this long (default: run until stopped).")
    Duration duration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (EnrollmentResponder responder = new EnrollmentResponder(common.connections(), FleetOptions.clock(),
                certificateValidity)) {
            responder.start();
            if (!responder.awaitConnected(common.timeout)) {
                spec.commandLine().getErr().println("porthole: cannot connect to " + common.fleet().broker()
                        + " within " + common.timeout.toSeconds() + " s (still trying)");
            }
            out.println("enrollment responder running for tenant " + common.fleet().tenant() + " on "
                    + common.fleet().broker());
            out.flush();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            out.println("enrollment responder stopped: " + responder.issuedCount() + " issued, "
                    + responder.refusedCount() + " refused");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
        return 0;
    }
}
