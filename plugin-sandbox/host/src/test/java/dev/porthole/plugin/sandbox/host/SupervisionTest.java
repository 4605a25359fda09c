package dev.porthole.plugin.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.porthole.media.MediaOffloadPlugin;

import dev.porthole.plugin.sandbox.SandboxException;

/** Crash loops, refused starts, and a plugin with its own seccomp profile, all in real sandboxes. */
class SupervisionTest {

    @TempDir
    Path dir;

    @Test
    void aPluginThatCannotStartIsDisabledAfterTheCrashLoopLimit() throws Exception {
        HostConfig config = HostConfig.defaults().withRestart(Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofSeconds(60));
        try (SandboxFixture f = new SandboxFixture(dir, config)) {
            String manifest = """
                    {"schema": 1, "id": "com.example.broken", "version": "1.0.0", "vendor": "Example Corp",
                     "entryClass": "com.example.NoSuchClass", "channels": ["Broken"], "memoryLimitMb": 32}
                    """;
            Path jar = f.pluginJar(com.example.porthole.echo.EchoPlugin.class);
            String id = f.store.install(f.signedPackage("broken", manifest, List.of(jar), List.of()), Instant.now()).id();
            f.host.start(id);
            PluginEvent.Disabled d = (PluginEvent.Disabled) f.await(e -> e instanceof PluginEvent.Disabled, Duration.ofSeconds(60), "disabled");
            assertThat(d.reason()).contains("crashed 3 times").contains("exited with code 4");
            assertThat(f.events).anyMatch(e -> e instanceof PluginEvent.Log l && l.line().contains("cannot load plugin class com.example.NoSuchClass"));
            assertThat(f.host.status(id).orElseThrow().state()).isEqualTo(PluginHost.State.DISABLED);
            assertThat(f.events.stream().filter(e -> e instanceof PluginEvent.Exited)).hasSize(3);
        }
    }

    @Test
    void startsAreRefusedForTamperedPackagesAndChannelConflicts() throws Exception {
        try (SandboxFixture f = new SandboxFixture(dir, HostConfig.defaults())) {
            String id = f.installEcho();
            Path jar;
            try (var jars = Files.list(f.store.load(id, Instant.now()).packageDir().resolve("lib"))) {
                jar = jars.findFirst().orElseThrow();
            }
            Files.write(jar, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> f.host.start(id)).isInstanceOfSatisfying(SandboxException.class,
                    e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.SIGNATURE)).hasMessageContaining("no longer verifies");
            f.installEcho();
            f.host.start(id);
            String twin = """
                    {"schema": 1, "id": "com.example.twin", "version": "1.0.0", "vendor": "Example Corp",
                     "entryClass": "com.example.porthole.echo.EchoPlugin", "channels": ["ExampleEcho"], "memoryLimitMb": 32}
                    """;
            String twinId = f.store.install(f.signedPackage("twin", twin,
                    List.of(f.pluginJar(com.example.porthole.echo.EchoPlugin.class)), List.of()), Instant.now()).id();
            assertThatThrownBy(() -> f.host.start(twinId)).isInstanceOfSatisfying(SandboxException.class,
                    e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.POLICY))
                    .hasMessageContaining("'ExampleEcho', which running plugin com.example.echo already declares");
            assertThatThrownBy(() -> f.host.start(id)).hasMessageContaining("already");
        }
    }

    @Test
    void theMediaOffloadExampleRunsWithItsOwnProfileAndKeepsStateAcrossRestarts() throws Exception {
        try (SandboxFixture f = new SandboxFixture(dir, HostConfig.defaults())) {
            Path src = SandboxFixture.repo().resolve("plugin-sandbox/examples/media-offload-plugin/src/plugin");
            String id = f.store.install(f.signedPackage("media", Files.readString(src.resolve("manifest.json")),
                    List.of(f.pluginJar(MediaOffloadPlugin.class)), List.of(src.resolve("seccomp.json"))), Instant.now()).id();
            f.host.start(id);
            f.awaitStarted(id, 1);
            f.await(e -> e instanceof PluginEvent.Log l && l.line().contains("vendor seccomp profile stacked"), Duration.ofSeconds(5),
                    "vendor profile installed");
            LoopbackSession.ServerEnd ch = f.open("ExampleMediaOffload");
            int w = 64;
            int h = 32;
            ByteBuffer req = ByteBuffer.allocate(9 + w * h * 3).put((byte) 1).putInt(77).putShort((short) w).putShort((short) h);
            for (int i = 0; i < w * h; i++) {
                req.put((byte) 255).put((byte) 255).put((byte) 255); // white
            }
            ch.write(req.array());
            ByteBuffer rsp = ByteBuffer.wrap(ch.read(Duration.ofSeconds(10)));
            assertThat(rsp.get()).isEqualTo((byte) 1);
            assertThat(rsp.getInt()).isEqualTo(77);
            assertThat(rsp.getShort()).isEqualTo((short) 32);
            assertThat(rsp.getShort()).isEqualTo((short) 16);
            byte[] luma = new byte[32 * 16];
            rsp.get(luma);
            assertThat(luma).containsOnly((byte) 255);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(req.array(), 9, w * h * 3);
            assertThat(rsp.getInt()).isEqualTo((int) crc.getValue());
            f.host.stop(id); // terminated() saves the counters in the state directory
            assertThat(Files.readString(f.store.stateDir(id).resolve("stats.txt"))).startsWith("1 ");
            f.host.start(id);
            f.awaitStarted(id, 2);
            LoopbackSession.ServerEnd again = f.open("ExampleMediaOffload");
            again.write(ByteBuffer.allocate(5).put((byte) 2).putInt(5).array());
            ByteBuffer stats = ByteBuffer.wrap(again.read(Duration.ofSeconds(10)));
            assertThat(stats.get()).isEqualTo((byte) 2);
            assertThat(stats.getInt()).isEqualTo(5);
            assertThat(stats.getLong()).as("frames survived the restart").isEqualTo(1);
        }
    }
}
