package dev.porthole.provisioning.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.porthole.provisioning.device.ApplyResult;
import dev.porthole.provisioning.device.ConfigAgent;
import dev.porthole.provisioning.device.ConfigReport;
import dev.porthole.provisioning.device.DeviceInfo;
import dev.porthole.provisioning.device.FleetLink;
import dev.porthole.provisioning.fleet.DeviceRegistry;
import dev.porthole.provisioning.fleet.FleetConnections;
import dev.porthole.provisioning.fleet.FleetInit;
import dev.porthole.provisioning.fleet.FleetPush;
import dev.porthole.provisioning.fleet.Layers;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.mqtt.Backoff;
import dev.porthole.provisioning.mqtt.LinkSettings;
import dev.porthole.provisioning.mqtt.MqttLink;
import dev.porthole.provisioning.mqtt.MqttConnector;
import dev.porthole.provisioning.mqtt.hivemq.HivemqConnector;
import dev.porthole.provisioning.mqtt.paho.PahoConnector;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.pki.CertificateAuthority;
import dev.porthole.provisioning.pki.Csr;
import dev.porthole.provisioning.pki.TlsContexts;
import dev.porthole.provisioning.store.ConfigStore;
import dev.porthole.provisioning.topic.DeviceAddress;
import dev.porthole.testbed.mosquitto.MosquittoBroker;
import dev.porthole.testbed.mosquitto.MosquittoOptions;

/**
 * Config rollout latency (DESIGN.md "Performance"): N simulated devices in this JVM (the real device code: fleet
 * link, config agent with a crash-safe store, and the chosen MQTT client: Paho or HiveMQ) against one local
 * Mosquitto with mutual TLS, each device with its own certificate; the fleet pushes a
 * signed document to every device and the benchmark measures, per device, the time from the start of the push until
 * the fleet receives that device's retained {@code applied} report. Reports p50/p90/p99/max, the time the push
 * itself took, and CPU and memory of the broker and of this JVM (fleet and devices together).
 *
 * <p>A runnable main, not a test: {@code provisioning/bench/run-fleet.sh [N] [rounds] [paho|hivemq]}. State directories
 * live in
 * {@code /dev/shm} when it exists, so the figures show the protocol and not one disk serving N devices' fsyncs.
 */
public final class ConfigRolloutBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String client = args.length > 2 ? args[2] : "hivemq";
        if (n < 1 || rounds < 1 || !(client.equals("paho") || client.equals("hivemq"))) {
            System.err.println("usage: ConfigRolloutBenchmark [devices >= 1] [rounds >= 1] [paho|hivemq], not "
                    + String.join(" ", args));
            System.exit(2);
        }
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        Path work = Files.createTempDirectory(base, "porthole-bench-");
        System.out.printf(Locale.ROOT, "config rollout benchmark: %d devices, %d rounds, client %s, state in %s,"
                + " open files limit %s%n", n, rounds, client, work, openFilesLimit());
        try (MosquittoBroker broker = MosquittoBroker.launch(MosquittoOptions.defaults()
                .withExtraConfig("max_queued_messages 10000", "max_inflight_messages 100", "max_connections -1")
                .withStartTimeout(Duration.ofSeconds(30)))) {
            run(broker, n, rounds, work, client.equals("paho") ? new PahoConnector() : new HivemqConnector());
        } finally {
            try (var all = Files.walk(work)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void run(MosquittoBroker broker, int n, int rounds, Path work, MqttConnector connector)
            throws Exception {
        CertificateAuthority ca = new CertificateAuthority(broker.ca().certificate(), broker.ca().self().privateKey());
        FleetInit.Result fleet = FleetInit.init(work.resolve("fleet"), FleetInit.Options.of("bench",
                URI.create(broker.uri())).withFleetIdentity(broker.fleetIdentity()).withCa(ca), Instant.now());
        DeviceRegistry registry = new DeviceRegistry(fleet.fleet());
        ConfigVerifier verifier = ConfigVerifier.trusting(fleet.fleet().signingKeys().getPublic());
        UnaryLink tune = b -> b.backoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2))
                .connectTimeout(Duration.ofSeconds(30)).operationTimeout(Duration.ofSeconds(30))
                .keepAlive(Duration.ofSeconds(120)).cleanStart(true).sessionExpiry(Duration.ZERO);

        long t0 = System.nanoTime();
        List<FleetLink> devices = new ArrayList<>();
        Map<String, ConfigAgent> agents = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "sim-%05d", i);
            KeyPair kp = Csr.newDeviceKeyPair();
            X509Certificate cert = ca.issueClient(kp.getPublic(), id, "bench", Duration.ofDays(1), Instant.now());
            registry.save(new DeviceRegistry.Device(id, List.of(), "bench", CertificateAuthority.keyFingerprint(
                    kp.getPublic()), cert.getSerialNumber().toString(16), Instant.now(), cert.getNotAfter().toInstant()));
            DeviceAddress address = new DeviceAddress("bench", id);
            Path state = work.resolve("devices").resolve(id);
            ConfigAgent agent = new ConfigAgent(address, verifier, ConfigStore.open(state),
                    (doc, reason) -> ApplyResult.applied(), InstantSource.system(), r -> { });
            agent.boot();
            agents.put(id, agent);
            devices.add(new FleetLink(address, connector, tune.apply(LinkSettings.builder(URI.create(broker.uri()), id,
                    TlsContexts.clientContext(kp.getPrivate(), List.of(cert, ca.certificate()), List.of(ca.certificate())))),
                    state, agent, new DeviceInfo("bench", "bench", Map.of()), InstantSource.system()));
        }
        System.out.printf(Locale.ROOT, "made %d device identities in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        // connect with bounded concurrency (what a fleet does anyway thanks to jitter)
        t0 = System.nanoTime();
        Semaphore inFlight = new Semaphore(50);
        ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch up = new CountDownLatch(n);
        for (FleetLink d : devices) {
            starters.submit(() -> {
                inFlight.acquireUninterruptibly();
                try {
                    d.start();
                    d.link().awaitConnected(Duration.ofMinutes(5));
                } finally {
                    inFlight.release();
                    up.countDown();
                }
            });
        }
        up.await(10, TimeUnit.MINUTES);
        long connected = devices.stream().filter(d -> d.link().isConnected()).count();
        System.out.printf(Locale.ROOT, "%d of %d devices connected in %.1f s%n", connected, n,
                (System.nanoTime() - t0) / 1e9);

        // the observer receives one report per device in a burst: its inbound queue must hold them all
        FleetConnections connections = new FleetConnections(fleet.fleet(), connector, b -> b
                .operationTimeout(Duration.ofMinutes(2)).inboundQueue(Math.max(256, 2 * n), 1L << 30));
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        long[] target = {0};
        MqttLink observer = connections.link("bench-status");
        observer.subscribe("porthole/v1/bench/+/config/reported", 1, m -> {
            try {
                ConfigReport r = ConfigReport.fromJson(StrictJson.parse(m.payload(), "report"));
                if (r.status().equals(ConfigReport.APPLIED) && r.version() == target[0]) {
                    appliedAt.putIfAbsent(m.topic().split("/")[3], System.nanoTime());
                }
            } catch (RuntimeException ignored) {
                // not a report of this round
            }
        });
        observer.start();
        observer.awaitConnected(Duration.ofSeconds(30));
        MqttLink pusher = connections.connected("bench-push", Duration.ofSeconds(30));
        FleetPush push = new FleetPush(fleet.fleet(), InstantSource.system());
        Layers layers = new Layers(fleet.fleet());

        long brokerPid = Long.parseLong(Files.readString(broker.workspace().resolve("mosquitto.pid")).strip());
        for (int round = 1; round <= rounds; round++) {
            layers.write("fleet", StrictJson.object().put("round", round).put("rdp", "rdp-" + round + ".example"));
            appliedAt.clear();
            target[0] = round;
            long brokerCpu0 = cpuTicks(brokerPid);
            long jvmCpu0 = jvmCpuNanos();
            long start = System.nanoTime();
            List<FleetPush.Pushed> pushed = push.push(pusher, List.of(), null, false, Duration.ofMinutes(5));
            long published = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            while (appliedAt.size() < connected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long end = System.nanoTime();
            long[] lat = appliedAt.values().stream().mapToLong(t -> t - start).sorted().toArray();
            double brokerCpu = (cpuTicks(brokerPid) - brokerCpu0) / 100.0;
            double jvmCpu = (jvmCpuNanos() - jvmCpu0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d documents signed+published in %.0f ms; %d/%d applied;"
                            + " p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; wall %.0f ms;"
                            + " CPU broker %.2f s, JVM (fleet+devices) %.2f s%n",
                    round, pushed.size(), (published - start) / 1e6, lat.length, connected, pct(lat, 50), pct(lat, 90),
                    pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, (end - start) / 1e6, brokerCpu,
                    jvmCpu);
        }
        long heapBeforeGc = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        System.gc();
        System.out.printf(Locale.ROOT, "memory: broker RSS %d MiB; JVM heap used %d MiB (%d MiB live after a GC),"
                        + " RSS %d MiB; JVM platform threads %d; total CPU since start: broker %.1f s, JVM %.1f s%n",
                rssKiB(brokerPid) / 1024, heapBeforeGc,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                rssKiB(ProcessHandle.current().pid()) / 1024, ManagementFactory.getThreadMXBean().getThreadCount(),
                cpuTicks(brokerPid) / 100.0, jvmCpuNanos() / 1e9);
        pusher.close();
        observer.close();
        devices.parallelStream().forEach(FleetLink::closeAbruptly);
        starters.shutdownNow();
    }

    @FunctionalInterface
    private interface UnaryLink extends java.util.function.UnaryOperator<LinkSettings.Builder> {}

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (clock ticks, 100/s)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long rssKiB(long pid) {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/" + pid + "/status")).split("\n"))
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String openFilesLimit() {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/self/limits")).split("\n"))
                    .filter(l -> l.startsWith("Max open files")).map(l -> l.replaceAll("\\s+", " ").strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private ConfigRolloutBenchmark() {}
}
