package dev.porthole.plugin.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo example, signed, installed and run by the host in a real bubblewrap + seccomp sandbox, with
 * an in-memory stand-in for the RDP session's DVC side (the xrdp end to end needs the RDP session).
 */
class EchoEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void echoesSmallLargeAndManyMessagesThroughTheSandbox() throws Exception {
        try (SandboxFixture f = new SandboxFixture(dir, HostConfig.defaults())) {
            String id = f.installEcho();
            f.host.sessionConnected();
            f.host.start(id);
            PluginEvent.Started started = f.awaitStarted(id, 1);
            assertThat(started.isolation()).contains("namespaces user,pid,ipc,uts,cgroup,mount,net").contains("seccomp");
            f.await(e -> e instanceof PluginEvent.Log l && l.line().contains("inner filter with user notification"),
                    Duration.ofSeconds(10), "bootstrap reports the inner filter");
            f.await(e -> e instanceof PluginEvent.Log l && l.line().contains("echo: session connected"),
                    Duration.ofSeconds(10), "connected() reached the plugin");

            LoopbackSession.ServerEnd ch = f.open("ExampleEcho");
            SandboxFixture.assertEcho(ch, "hello, sandbox".getBytes());
            SandboxFixture.assertEcho(ch, new byte[0]);
            byte[] mb = new byte[1 << 20];
            new Random(1).nextBytes(mb);
            SandboxFixture.assertEcho(ch, mb);
            for (int i = 0; i < 1000; i++) {
                ch.write(new byte[] {(byte) i, (byte) (i >> 8), 42});
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(ch.read(Duration.ofSeconds(10))).containsExactly((byte) i, (byte) (i >> 8), 42);
            }
            // a second channel to the same listener is independent
            LoopbackSession.ServerEnd ch2 = f.open("ExampleEcho");
            SandboxFixture.assertEcho(ch2, "second".getBytes());
            ch2.close();
            f.await(e -> e instanceof PluginEvent.ChannelClosed c && c.channelId() == ch2.id(), Duration.ofSeconds(5), "close reported");
            SandboxFixture.assertEcho(ch, "first still open".getBytes());

            f.host.sessionDisconnected(3);
            assertThat(ch.awaitClosed(Duration.ofSeconds(5))).isTrue();
            f.await(e -> e instanceof PluginEvent.Log l && l.line().contains("echo: session disconnected, reason 3"),
                    Duration.ofSeconds(10), "disconnected(3) reached the plugin");

            f.host.stop(id);
            f.await(e -> e instanceof PluginEvent.Exited x && x.reason().equals("terminated") && x.exitCode() == 0,
                    Duration.ofSeconds(15), "clean exit");
            assertThat(f.events).anyMatch(e -> e instanceof PluginEvent.Log l && l.line().contains("echo: terminated"));
            assertThat(f.session.isListening("ExampleEcho")).isFalse();
        }
    }
}
