package dev.porthole.plugin.sandbox.certify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.LoopbackSession;
import dev.porthole.plugin.sandbox.host.PluginEvent;
import dev.porthole.plugin.sandbox.host.PluginHost;
import dev.porthole.plugin.sandbox.launch.SandboxConfig;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;
import dev.porthole.plugin.sandbox.pkg.StrictJson;
import dev.porthole.plugin.sandbox.pkg.VerifiedPackage;

/**
 * The conformance suite behind {@code porthole plugin certify}: runs a vendor package in its sandbox
 * on this device and checks the package, start-up time, lifecycle, every declared channel under load
 * (small, fragmented and large messages, bursts, random bytes, a flood beyond its credit), and what the
 * sandbox saw it do (denied system calls, protocol violations, crashes, memory). The result is a JSON
 * report, a text rendering, and a detached CMS signature over the JSON made with the device's
 * certification key, which the vendor submits and the fleet verifies with {@link #verifyReport}.
 */
public final class Certification {

    /** PASS, FAIL, or INFO (recorded, not judged). */
    public enum Verdict { PASS, FAIL, INFO }

    /** One check. */
    public record Check(String name, Verdict verdict, String detail) {}

    /** The outcome: the report's JSON and text, and the checks. */
    public record Report(byte[] json, String text, List<Check> checks, Verdict verdict) {}

    /** What the suite sends; {@link #quick()} for tests, {@link #standard()} for real certification. */
    public record Load(int roundTrips, int burst, int largeBytes, long floodBytes, Duration answerTimeout) {
        public static Load standard() {
            return new Load(500, 2000, 4 << 20, 64L << 20, Duration.ofSeconds(5));
        }

        public static Load quick() {
            return new Load(50, 200, 1 << 20, 40L << 20, Duration.ofSeconds(3));
        }
    }

    private final PackageVerifier verifier;
    private final SandboxConfig sandbox;
    private final HostConfig config;
    private final InstantSource clock;
    private final Map<String, String> device;

    /**
     * @param device facts about this device for the report (kernel, arch, JDK, model …), given by the caller
     */
    public Certification(PackageVerifier verifier, SandboxConfig sandbox, HostConfig config, InstantSource clock, Map<String, String> device) {
        this.verifier = verifier;
        this.sandbox = sandbox;
        this.config = config;
        this.clock = clock;
        this.device = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(device));
    }

    /** Runs the suite on {@code packageFile} in the work directory {@code work}. */
    public Report run(Path packageFile, Path work, Load load) throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> pkgInfo = new LinkedHashMap<>();
        Instant started = clock.instant();
        VerifiedPackage vp;
        try {
            byte[] bytes = Files.readAllBytes(packageFile);
            pkgInfo.put("file", packageFile.getFileName().toString());
            pkgInfo.put("sha256", PackageArchive.sha256Hex(bytes));
            vp = verifier.verify(PackageArchive.read(packageFile), clock.instant());
        } catch (SandboxException | IOException e) {
            checks.add(new Check("package", Verdict.FAIL, "refused: " + e.getMessage()));
            return report(pkgInfo, checks, metrics, started);
        }
        pkgInfo.put("id", vp.manifest().id());
        pkgInfo.put("version", vp.manifest().version());
        pkgInfo.put("vendor", vp.manifest().vendor());
        pkgInfo.put("signer", vp.signer().subject());
        pkgInfo.put("channels", vp.manifest().channels());
        pkgInfo.put("capabilities", vp.manifest().capabilities().stream().map(Object::toString).toList());
        pkgInfo.put("memoryLimitMb", vp.manifest().memoryLimitMb());
        checks.add(new Check("package", Verdict.PASS, "signature, trust chain, digests and manifest verify; signed by " + vp.signer().subject()));

        PluginRuns.Sandboxed run;
        try {
            run = PluginRuns.sandboxed(vp, verifier, sandbox, config, work, clock);
        } catch (SandboxException e) {
            checks.add(new Check("startup", Verdict.FAIL, e.getMessage()));
            return report(pkgInfo, checks, metrics, started);
        }
        try (run) {
            long startup = run.started().startupMillis();
            metrics.put("startupMillis", startup);
            metrics.put("isolation", run.started().isolation());
            checks.add(new Check("startup", startup < 10_000 ? Verdict.PASS : Verdict.FAIL,
                    "connected and initialised in " + startup + " ms (limit 10000)"));

            List<String> listening = vp.manifest().channels().stream().filter(run.session()::isListening).toList();
            checks.add(new Check("lifecycle.listeners", listening.isEmpty() ? Verdict.FAIL : Verdict.PASS,
                    "listening on " + listening + " of declared " + vp.manifest().channels()));

            List<Map<String, Object>> perChannel = new ArrayList<>();
            for (String channel : listening) {
                perChannel.add(channelChecks(run, channel, load, checks));
            }
            metrics.put("channels", perChannel);

            int before = run.events().size();
            run.host().sessionDisconnected(0);
            run.host().sessionConnected();
            Thread.sleep(500);
            boolean survived = run.events().subList(before, run.events().size()).stream().noneMatch(e -> e instanceof PluginEvent.Exited);
            checks.add(new Check("lifecycle.reconnect", survived ? Verdict.PASS : Verdict.FAIL,
                    survived ? "disconnected/connected: still running" : "exited during a disconnect/reconnect"));

            run.host().jvmPid(run.id()).flatMap(Certification::peakRssKb).ifPresent(kb -> {
                metrics.put("peakRssKb", kb);
                checks.add(new Check("memory", Verdict.INFO, "peak RSS " + kb / 1024 + " MiB (heap limit "
                        + vp.manifest().memoryLimitMb() + " MiB, process limit " + (vp.manifest().memoryLimitMb() + sandbox.extraMemoryMb()) + " MiB)"));
            });

            run.host().stop(run.id());
            Optional<PluginEvent.Exited> last = run.events().stream().filter(e -> e instanceof PluginEvent.Exited)
                    .map(e -> (PluginEvent.Exited) e).reduce((a, b) -> b);
            boolean clean = last.map(x -> x.exitCode() == 0 && x.reason().equals("terminated")).orElse(false);
            checks.add(new Check("lifecycle.terminate", clean ? Verdict.PASS : Verdict.FAIL,
                    last.map(x -> "exit code " + x.exitCode() + ": " + x.reason()).orElse("no exit seen")));

            List<String> denied = run.events().stream().filter(e -> e instanceof PluginEvent.SyscallDenied)
                    .map(e -> ((PluginEvent.SyscallDenied) e).syscall()).distinct().toList();
            checks.add(new Check("sandbox.syscalls", denied.isEmpty() ? Verdict.PASS : Verdict.FAIL,
                    denied.isEmpty() ? "no system call was denied" : "tried forbidden system calls: " + denied));
            List<String> violations = run.events().stream().filter(e -> e instanceof PluginEvent.Violation)
                    .map(e -> ((PluginEvent.Violation) e).reason()).toList();
            checks.add(new Check("sandbox.protocol", violations.isEmpty() ? Verdict.PASS : Verdict.FAIL,
                    violations.isEmpty() ? "no IPC rule broken (credit, flood, heartbeat, callbacks)" : "violations: " + violations));
            long crashes = run.events().stream().filter(e -> e instanceof PluginEvent.Exited x && x.restartInMillis() >= 0).count();
            checks.add(new Check("stability", crashes == 0 ? Verdict.PASS : Verdict.FAIL,
                    crashes == 0 ? "never exited unexpectedly" : crashes + " unexpected exits (crash, OutOfMemoryError or kill)"));
        }
        return report(pkgInfo, checks, metrics, started);
    }

    private Map<String, Object> channelChecks(PluginRuns.Sandboxed run, String channel, Load load, List<Check> checks)
            throws InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        String c = "channel[" + channel + "]";
        LoopbackSession.ServerEnd end;
        try {
            end = run.open(channel);
        } catch (SandboxException e) {
            checks.add(new Check(c + ".open", Verdict.FAIL, e.getMessage()));
            return m;
        }
        checks.add(new Check(c + ".open", Verdict.PASS, "accepted"));
        List<Map<String, Object>> rts = new ArrayList<>();
        boolean answers = true;
        boolean echoes = true;
        for (int size : new int[] {64, 4096, 1 << 20}) {
            EchoLoad.RoundTrips rt = EchoLoad.roundTrips(end, size, size >= 1 << 20 ? Math.max(5, load.roundTrips() / 20) : load.roundTrips(),
                    load.answerTimeout());
            rts.add(Map.of("size", size, "count", rt.count(), "p50Micros", rt.p50Micros(), "p99Micros", rt.p99Micros(),
                    "mismatches", rt.mismatches()));
            answers &= rt.timeouts() == 0;
            echoes &= rt.timeouts() == 0 && rt.mismatches() == 0;
            if (rt.timeouts() > 0) {
                break;
            }
        }
        m.put("roundTrips", rts);
        checks.add(new Check(c + ".answers", Verdict.INFO, echoes ? "echoes every message (64 B, 4 KiB, 1 MiB)"
                : answers ? "answers every message (not an echo)" : "does not answer arbitrary messages (round trips not measured)"));
        boolean alive = aliveAfter(run, () -> {
            byte[] big = new byte[load.largeBytes()];
            new Random(1).nextBytes(big);
            end.write(big);
            for (int i = 0; i < load.burst(); i++) {
                end.write(new byte[4096]);
            }
            Random r = new Random(2);
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[r.nextInt(3000)];
                r.nextBytes(junk);
                end.write(junk);
            }
        });
        checks.add(new Check(c + ".load", alive ? Verdict.PASS : Verdict.FAIL, "a " + (load.largeBytes() >> 20) + " MiB message, a burst of "
                + load.burst() + " × 4 KiB and 50 random messages: " + (alive ? "still running" : "the plugin died")));
        while (end.read(Duration.ofMillis(300)) != null) {
            // drain the answers to the load before measuring throughput
        }
        if (answers) {
            EchoLoad.Throughput tp = EchoLoad.throughput(end, 4096, load.burst(), 32, load.answerTimeout());
            m.put("throughput4KiB", Map.of("messagesPerSecond", tp.messagesPerSecond(), "megabytesPerSecond", tp.megabytesPerSecond()));
        }
        LoopbackSession.ServerEnd flood;
        try {
            flood = run.open(channel);
        } catch (SandboxException e) {
            checks.add(new Check(c + ".flood", Verdict.FAIL, "could not open a second channel: " + e.getMessage()));
            return m;
        }
        boolean floodAlive = aliveAfter(run, () -> {
            byte[] chunk = new byte[1 << 20];
            for (long sent = 0; sent < load.floodBytes() && !flood.isClosed(); sent += chunk.length) {
                flood.write(chunk.clone());
            }
        });
        checks.add(new Check(c + ".flood", floodAlive ? Verdict.PASS : Verdict.FAIL, (load.floodBytes() >> 20)
                + " MiB sent without waiting: " + (flood.isClosed() ? "the host closed the channel (plugin slower than the flood, as designed); " : "")
                + (floodAlive ? "plugin still running" : "the plugin died")));
        end.close();
        flood.close();
        return m;
    }

    private interface Action {
        void run() throws InterruptedException;
    }

    private boolean aliveAfter(PluginRuns.Sandboxed run, Action a) throws InterruptedException {
        int before = run.events().size();
        try {
            a.run();
        } catch (SandboxException closed) {
            // the channel was closed under us (flood): judged by the plugin's state below
        }
        Thread.sleep(1000);
        boolean exited = run.events().subList(before, run.events().size()).stream().anyMatch(e -> e instanceof PluginEvent.Exited);
        return !exited && run.host().status(run.id()).map(s -> s.state() == PluginHost.State.RUNNING).orElse(false);
    }

    private static Optional<Long> peakRssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Report report(Map<String, Object> pkg, List<Check> checks, Map<String, Object> metrics, Instant started) {
        Verdict verdict = checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL) ? Verdict.FAIL : Verdict.PASS;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", 1);
        root.put("tool", "porthole plugin certify");
        root.put("startedAt", started.toString());
        root.put("finishedAt", clock.instant().toString());
        root.put("device", device);
        root.put("package", pkg);
        root.put("verdict", verdict);
        List<Map<String, Object>> cs = new ArrayList<>();
        checks.forEach(c -> cs.add(Map.of("name", c.name(), "verdict", c.verdict(), "detail", c.detail())));
        root.put("checks", cs);
        root.put("metrics", metrics);
        byte[] json;
        try {
            json = StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder t = new StringBuilder();
        t.append("Porthole plugin certification: ").append(verdict).append('\n');
        t.append("package  ").append(pkg.getOrDefault("id", "?")).append(' ').append(pkg.getOrDefault("version", "")).append(" by ")
                .append(pkg.getOrDefault("vendor", "?")).append(" (sha256 ").append(pkg.getOrDefault("sha256", "?")).append(")\n");
        device.forEach((k, v) -> t.append("device   ").append(k).append(": ").append(v).append('\n'));
        for (Check c : checks) {
            t.append(String.format("%-5s %-34s %s%n", c.verdict(), c.name(), c.detail()));
        }
        if (metrics.containsKey("startupMillis")) {
            t.append("startup  ").append(metrics.get("startupMillis")).append(" ms\n");
        }
        if (metrics.get("channels") instanceof List<?> chs) {
            for (Object o : chs) {
                if (o instanceof Map<?, ?> ch && ch.get("roundTrips") instanceof List<?> rts) {
                    for (Object r : rts) {
                        if (r instanceof Map<?, ?> rt) {
                            t.append(String.format("rtt      %s %7s B  p50 %8.0f µs  p99 %8.0f µs  (%s)%n", ch.get("channel"), rt.get("size"),
                                    ((Number) rt.get("p50Micros")).doubleValue(), ((Number) rt.get("p99Micros")).doubleValue(),
                                    rt.get("count") + " round trips"));
                        }
                    }
                }
            }
        }
        return new Report(json, t.toString(), List.copyOf(checks), verdict);
    }

    /** Writes {@code report.json}, {@code report.txt} and {@code report.json.p7s} (signed with the device key) into {@code dir}. */
    public static void write(Report r, Path dir, PrivateKey deviceKey, List<X509Certificate> deviceChain) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("report.json"), r.json());
            Files.writeString(dir.resolve("report.txt"), r.text());
            Files.write(dir.resolve("report.json.p7s"), PackageSignature.sign(r.json(), deviceKey, deviceChain));
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO, "cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a report's signature against the fleet's anchors (what the fleet does with a submitted report).
     *
     * @return who signed it
     */
    public static PackageSignature.Signer verifyReport(byte[] json, byte[] signature, List<X509Certificate> anchors, Instant at) {
        return PackageSignature.verify(json, signature, anchors, at);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
