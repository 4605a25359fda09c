package dev.porthole.plugin.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.example.probe.ProbePlugin;

/**
 * A hostile plugin next to the echo plugin, both in real sandboxes: every escape attempt fails or
 * gets the probe killed (and restarted), while the host and the echo plugin carry on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MisbehaviourTest {

    static final String PROBE_MANIFEST = """
            {"schema": 1, "id": "com.example.probe", "version": "0.0.1", "vendor": "Example Corp",
             "entryClass": "com.example.probe.ProbePlugin", "channels": ["Probe"], "memoryLimitMb": 32}
            """;

    Path dir;
    SandboxFixture f;
    LoopbackSession.ServerEnd echo;
    String probeId;
    int probeIncarnation = 1;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        HostConfig config = HostConfig.defaults().withHeartbeat(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(2))
                .withRestart(Duration.ofMillis(200), Duration.ofSeconds(1), 50, Duration.ofSeconds(60));
        f = new SandboxFixture(dir, config);
        String echoId = f.installEcho();
        Path probeJar = f.jarWith("probe.jar", ProbePlugin.class);
        probeId = f.store.install(f.signedPackage("probe", PROBE_MANIFEST, List.of(probeJar), List.of()), java.time.Instant.now()).id();
        f.host.sessionConnected();
        f.host.start(echoId);
        f.host.start(probeId);
        f.awaitStarted(echoId, 1);
        f.awaitStarted(probeId, 1);
        echo = f.open("ExampleEcho");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String probe(String command) throws InterruptedException {
        try (LoopbackSession.ServerEnd p = f.open("Probe")) {
            p.write(command.getBytes(StandardCharsets.UTF_8));
            byte[] reply = p.read(Duration.ofSeconds(15));
            assertThat(reply).as("reply to %s", command).isNotNull();
            return new String(reply, StandardCharsets.UTF_8);
        }
    }

    private void echoStillWorks() throws InterruptedException {
        SandboxFixture.assertEcho(echo, ("still here " + System.nanoTime()).getBytes());
    }

    private PluginEvent.Violation awaitViolation(int from, String contains) throws InterruptedException {
        return (PluginEvent.Violation) f.await(from, e -> e instanceof PluginEvent.Violation v && v.pluginId().equals(probeId)
                && v.reason().contains(contains), Duration.ofSeconds(20), "violation containing '" + contains + "'");
    }

    private void awaitRestart() throws InterruptedException {
        probeIncarnation++;
        f.awaitStarted(probeId, probeIncarnation);
    }

    @Test
    @Order(1)
    void processCreationIsDeniedAndReported() throws Exception {
        int from = f.events.size();
        assertThat(probe("exec")).contains("refused").contains("Operation not permitted");
        PluginEvent.SyscallDenied d = (PluginEvent.SyscallDenied) f.await(from, e -> e instanceof PluginEvent.SyscallDenied s
                && s.pluginId().equals(probeId), Duration.ofSeconds(5), "denied syscall event");
        assertThat(d.syscall()).matches("(clone|vfork|fork|execve).*");
        echoStillWorks();
    }

    @Test
    @Order(2)
    void internetSocketsAreDeniedAndReported() throws Exception {
        int from = f.events.size();
        assertThat(probe("inet 1.1.1.1 80")).contains("refused").contains("Operation not permitted");
        f.await(from, e -> e instanceof PluginEvent.SyscallDenied s && s.syscall().startsWith("socket"), Duration.ofSeconds(5),
                "socket denial reported");
        echoStillWorks();
    }

    @Test
    @Order(3)
    void filesOutsideItsDirectoriesAreInvisibleOrReadOnly() throws Exception {
        assertThat(probe("read /etc/shadow")).contains("NoSuchFileException");
        assertThat(probe("read /etc/passwd")).contains("NoSuchFileException");
        assertThat(probe("read " + dir.resolve("store/plugins/com.example.echo/installed.json"))).contains("NoSuchFileException");
        assertThat(probe("read /plugin/manifest.json")).startsWith("read /plugin/manifest.json => read ");
        assertThat(probe("write /plugin/manifest.json")).contains("refused").containsAnyOf("Read-only", "AccessDenied");
        assertThat(probe("write /usr/lib/probe.txt")).contains("refused");
        assertThat(probe("write /state/probe.txt")).endsWith("wrote");
        assertThat(Files.readString(f.store.stateDir(probeId).resolve("probe.txt"))).isEqualTo("written by the probe");
        assertThat(probe("ls /")).endsWith("[dev, etc, lib, lib64, plugin, porthole, proc, run, state, tmp, usr]");
        // /etc holds nothing of the host but the JDK's CA bundle (Temurin's cacerts links to /etc/ssl/certs/java)
        String etc = probe("ls /etc");
        assertThat(etc).matches("ls /etc => \\[(ssl)?]");
        if (etc.contains("ssl")) {
            assertThat(probe("ls /etc/ssl/certs")).endsWith("[java]");
        }
        echoStillWorks();
    }

    @Test
    @Order(4)
    void runsUnprivilegedWithACleanEnvironment() throws Exception {
        String status = probe("status");
        assertThat(status).contains("Uid: 65534 65534 65534 65534").contains("CapEff: 0000000000000000")
                .contains("NoNewPrivs: 1").contains("Seccomp: 2");
        assertThat(status).containsPattern("Seccomp_filters: [2-9]");
        // rlimits from the launcher: 32 MiB heap + 768 MiB for the JVM itself, 1024 files, no core dumps
        assertThat(probe("limits")).contains("Max core file size 0 0").contains("Max open files 1024 1024")
                .contains("Max address space " + (800L << 20) + " " + (800L << 20));
        assertThat(probe("env")).endsWith("[HOME, LANG, MALLOC_ARENA_MAX, PORTHOLE_PLUGIN_ID, PWD]");
    }

    @Test
    @Order(5)
    void undeclaredChannelsAreRefusedByTheSdk() throws Exception {
        assertThat(probe("undeclared")).contains("NOT_DECLARED").contains("'Undeclared' is not declared");
    }

    @Test
    @Order(6)
    void allocatingPastTheLimitStopsThePluginAndItIsRestarted() throws Exception {
        int from = f.events.size();
        try (LoopbackSession.ServerEnd p = f.open("Probe")) {
            p.write("alloc".getBytes());
            assertThat(new String(p.read(Duration.ofSeconds(10)))).isEqualTo("alloc => starting");
            assertThat(p.awaitClosed(Duration.ofSeconds(30))).as("channel closed when the plugin died").isTrue();
        }
        PluginEvent.Exited x = (PluginEvent.Exited) f.await(from, e -> e instanceof PluginEvent.Exited ex && ex.pluginId().equals(probeId),
                Duration.ofSeconds(30), "probe exit");
        assertThat(x.restartInMillis()).isPositive();
        assertThat(f.events.subList(from, f.events.size())).anyMatch(e -> e instanceof PluginEvent.Log l && l.pluginId().equals(probeId)
                && l.line().contains("OutOfMemoryError"));
        echoStillWorks();
        awaitRestart();
        assertThat(probe("echo back")).isEqualTo("echo back => back");
    }

    @Test
    @Order(7)
    void aBlockedCallbackGetsThePluginKilled() throws Exception {
        int from = f.events.size();
        try (LoopbackSession.ServerEnd p = f.open("Probe")) {
            p.write("block 60000".getBytes());
            awaitViolation(from, "callback has been running");
            assertThat(p.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
        echoStillWorks();
        awaitRestart();
    }

    @Test
    @Order(8)
    void rawFramesBreakingTheRulesGetThePluginKilled() throws Exception {
        int from = f.events.size();
        probeNoReply("raw-listen");
        assertThat(awaitViolation(from, "does not declare").reason()).contains("'Undeclared'");
        awaitRestart();
        from = f.events.size();
        probeNoReply("raw-flood");
        awaitViolation(from, "flood");
        awaitRestart();
        from = f.events.size();
        LoopbackSession.ServerEnd slow = f.open("Probe");
        slow.hold(true); // a slow server: no credit flows back
        slow.write("raw-overrun".getBytes(StandardCharsets.UTF_8));
        awaitViolation(from, "without credit");
        awaitRestart();
        echoStillWorks();
    }

    private void probeNoReply(String command) throws InterruptedException {
        LoopbackSession.ServerEnd p = f.open("Probe");
        p.write(command.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @Order(9)
    void killingThePluginProcessRestartsItAndItsChannelOpensAgain() throws Exception {
        long pid = f.host.jvmPid(probeId).orElseThrow();
        int from = f.events.size();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        f.await(from, e -> e instanceof PluginEvent.Exited x && x.pluginId().equals(probeId) && x.restartInMillis() > 0,
                Duration.ofSeconds(10), "exit after kill -9");
        awaitRestart();
        assertThat(f.host.jvmPid(probeId)).isPresent().get().isNotEqualTo(pid);
        assertThat(probe("echo again")).isEqualTo("echo again => again");
        echoStillWorks();
        assertThat(f.host.status(probeId).orElseThrow().state()).isEqualTo(PluginHost.State.RUNNING);
    }
}
