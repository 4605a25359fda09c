package dev.porthole.plugin.sandbox.certify;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.LoopbackSession;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.VerifiedPackage;

/**
 * Channel round trip (p50/p99) and throughput for 64 B, 4 KiB and 1 MiB messages through an echoing
 * plugin: in its sandbox (process, socket, frames) against the same plugin loaded in-process (same
 * broker and runtime, no IPC). A runnable measurement, not a test: numbers depend on the machine and
 * its load, so it prints them with the ratio and judges nothing.
 */
public final class ChannelBenchmark {

    private ChannelBenchmark() {}

    /** One line of results. */
    public record Row(String mode, int size, EchoLoad.RoundTrips rtt, EchoLoad.Throughput tp) {}

    /** Message sizes and counts. */
    public record Plan(int[] sizes, int[] roundTrips, int[] throughputMessages, int window, int warmup) {
        public static Plan standard() {
            return new Plan(new int[] {64, 4096, 1 << 20}, new int[] {5000, 3000, 100}, new int[] {50_000, 20_000, 200}, 32, 2000);
        }
    }

    /** Runs both modes and prints the table to {@code out}; returns the rows. */
    public static List<Row> run(VerifiedPackage vp, String channel, PackageVerifier verifier, SandboxConfig sandbox, HostConfig config,
                                Path work, Plan plan, PrintWriter out) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (PluginRuns.Run in = PluginRuns.inProcess(vp, config, Files.createDirectories(work.resolve("inprocess")))) {
            rows.addAll(measure("in-process", in, channel, plan, out));
        }
        try (PluginRuns.Sandboxed sb = PluginRuns.sandboxed(vp, verifier, sandbox, config, Files.createDirectories(work.resolve("sandbox")),
                InstantSource.system())) {
            out.printf("sandbox start-up: %d ms (%s)%n", sb.started().startupMillis(), sb.started().isolation());
            rows.addAll(measure("sandbox", sb, channel, plan, out));
        }
        out.println();
        out.printf("%-10s %9s %12s %12s %14s %12s%n", "mode", "size", "rtt p50 µs", "rtt p99 µs", "msg/s", "MiB/s");
        for (Row r : rows) {
            out.printf("%-10s %9d %12.1f %12.1f %14.0f %12.1f%n", r.mode(), r.size(), r.rtt().p50Micros(), r.rtt().p99Micros(),
                    r.tp().messagesPerSecond(), r.tp().megabytesPerSecond());
        }
        out.println();
        out.printf("%-9s %16s %16s %18s%n", "size", "p50 ratio", "p99 ratio", "throughput ratio");
        for (int size : plan.sizes()) {
            Row a = rows.stream().filter(r -> r.mode().equals("sandbox") && r.size() == size).findFirst().orElseThrow();
            Row b = rows.stream().filter(r -> r.mode().equals("in-process") && r.size() == size).findFirst().orElseThrow();
            out.printf("%-9d %15.2fx %15.2fx %17.2fx%n", size, a.rtt().p50Micros() / b.rtt().p50Micros(),
                    a.rtt().p99Micros() / b.rtt().p99Micros(), a.tp().messagesPerSecond() / b.tp().messagesPerSecond());
        }
        out.println("(sandbox / in-process: latency ratios above 1 and throughput ratios below 1 are the cost of the sandbox)");
        out.flush();
        return rows;
    }

    private static List<Row> measure(String mode, PluginRuns.Run run, String channel, Plan plan, PrintWriter out) throws Exception {
        List<Row> rows = new ArrayList<>();
        LoopbackSession.ServerEnd end = run.open(channel);
        EchoLoad.roundTrips(end, 64, plan.warmup(), Duration.ofSeconds(10));
        EchoLoad.throughput(end, 4096, plan.warmup(), plan.window(), Duration.ofSeconds(10));
        for (int i = 0; i < plan.sizes().length; i++) {
            int size = plan.sizes()[i];
            EchoLoad.RoundTrips rtt = EchoLoad.roundTrips(end, size, plan.roundTrips()[i], Duration.ofSeconds(10));
            EchoLoad.Throughput tp = EchoLoad.throughput(end, size, plan.throughputMessages()[i],
                    size >= 1 << 20 ? 4 : plan.window(), Duration.ofSeconds(10));
            if (rtt.mismatches() + tp.mismatches() + rtt.timeouts() > 0) {
                throw new IllegalStateException(mode + ": the plugin on '" + channel + "' does not echo " + size + "-byte messages");
            }
            out.printf("%s %d B: p50 %.1f µs, p99 %.1f µs, %.0f msg/s%n", mode, size, rtt.p50Micros(), rtt.p99Micros(), tp.messagesPerSecond());
            out.flush();
            rows.add(new Row(mode, size, rtt, tp));
        }
        end.close();
        return rows;
    }
}
