package dev.porthole.plugin.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.Capability;
import dev.porthole.plugin.sandbox.pkg.PluginManifest;
import dev.porthole.plugin.sandbox.seccomp.SeccompProfile;

/** The bubblewrap command line for each capability set (the sandbox itself is exercised in the host tests). */
class SandboxLauncherTest {

    @TempDir
    Path dir;

    SandboxConfig config() {
        return SandboxConfig.defaults(Path.of(System.getProperty("java.home")), RuntimeJars.locate(), dir.resolve("run"),
                SeccompProfile.Platform.ociArch(System.getProperty("os.arch")), System.getProperty("os.version"));
    }

    SandboxLauncher.Built build(SandboxConfig c, String capabilities) throws Exception {
        PluginManifest m = PluginManifest.parse(("""
                {"schema": 1, "id": "com.example.t", "version": "1.0.0", "vendor": "V", "entryClass": "com.example.T",
                 "channels": ["T"], "memoryLimitMb": 64, "capabilities": [%s]}
                """.formatted(capabilities)).getBytes(StandardCharsets.UTF_8));
        Path ipc = Files.createDirectories(dir.resolve("ipc"));
        return new SandboxLauncher(c).build(new SandboxLauncher.Request(m, Files.createDirectories(dir.resolve("pkg")),
                Files.createDirectories(dir.resolve("state")), null, ipc, new byte[16], "1"));
    }

    @Test
    void noCapabilitiesMeansEveryNamespaceAndNoDevices() throws Exception {
        SandboxLauncher.Built b = build(config(), "");
        List<String> c = b.command();
        assertThat(c).containsSubsequence("--unshare-all", "--unshare-user", "--uid", "65534", "--disable-userns", "--die-with-parent",
                "--new-session", "--cap-drop", "ALL", "--clearenv");
        assertThat(c).doesNotContain("--share-net", "--dev-bind", "--network");
        assertThat(c).containsSubsequence("--bind", dir.resolve("state").toString(), "/state");
        assertThat(c).containsSubsequence("--ro-bind", dir.resolve("pkg").toString(), "/plugin");
        assertThat(c).containsSubsequence("--seccomp", "9");
        assertThat(c).contains("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "dev.porthole.plugin.sandbox.bootstrap.PluginBootstrap");
        assertThat(c.get(2)).contains("ulimit -v " + ((64 + 768) * 1024)).contains("ulimit -n 1024").contains("exec 9<");
        assertThat(Files.size(dir.resolve("ipc/outer.bpf"))).isPositive();
        assertThat(b.isolation()).contains("cgroup,mount,net;").contains("rlimits");
    }

    @Test
    void capabilitiesShareTheNetworkAndBindTheirDevices() throws Exception {
        Path snd = Files.createDirectories(dir.resolve("dev/snd"));
        Path usb = Files.createDirectories(dir.resolve("dev/bus/usb/001")).resolve("004");
        Files.writeString(usb, "");
        SandboxConfig c = config().withDevices(new DeviceNodes() {
            public List<Path> audio() {
                return List.of(snd);
            }

            public List<Path> usb(Capability.Usb d) {
                return d.vendorId() == 0x046d ? List.of(usb) : Collections.emptyList();
            }
        });
        SandboxLauncher.Built b = build(c, """
                {"type": "network", "hosts": ["media.example.com:443"]}, {"type": "audio"},
                {"type": "usb", "vendorId": "046d", "productId": "0825"}, {"type": "usb", "vendorId": "1234", "productId": "0001"}""");
        assertThat(b.command()).contains("--share-net", "--network");
        assertThat(b.command()).containsSubsequence("--dev-bind", snd.toString(), snd.toString());
        assertThat(b.command()).containsSubsequence("--dev-bind", usb.toString(), usb.toString());
        assertThat(b.isolation()).contains("network shared: capability granted").contains("devices [" + snd + ", " + usb + "]");
    }

    @Test
    void missingProgramsAreNamed() throws Exception {
        SandboxConfig c = config();
        SandboxConfig noBwrap = new SandboxConfig(dir.resolve("no-bwrap"), c.shell(), c.javaHome(), c.runtimeClasspath(), c.runDir(),
                c.arch(), c.kernelRelease(), null, c.extraMemoryMb(), c.maxOpenFiles(), c.maxTasks(), 0, c.jvmOptions(), c.devices());
        assertThatThrownBy(() -> build(noBwrap, "")).isInstanceOfSatisfying(SandboxException.class,
                e -> assertThat(e.kind()).isEqualTo(SandboxException.Kind.SANDBOX)).hasMessageContaining("missing bubblewrap (Debian package bubblewrap)");
    }
}
