package dev.porthole.plugin.sandbox.certify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.probe.RudePlugin;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.host.HostConfig;
import dev.porthole.plugin.sandbox.host.SandboxFixtureAccess;
import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.DevCertificates;
import dev.porthole.plugin.sandbox.pkg.PackageVerifier;

/** The certification suite on real sandboxes: the echo example passes, a plugin that tries to exec fails, reports are signed. */
class CertificationTest {

    @TempDir
    Path dir;

    @Test
    void theEchoExamplePassesAndTheReportIsSignedByTheDevice() throws Exception {
        SandboxFixtureAccess f = new SandboxFixtureAccess(dir);
        Path pkg = f.echoPackage();
        DevCertificates.Identity device = DevCertificates.leaf("device 42", f.ca(), Instant.now().minusSeconds(60), Duration.ofDays(1), null);
        Certification c = new Certification(new PackageVerifier(List.of(f.ca().certificate()), ChannelPolicy.defaults()),
                f.sandboxConfig(), HostConfig.defaults(), InstantSource.system(), Map.of("model", "test"));
        Certification.Report r = c.run(pkg, Files.createDirectories(dir.resolve("work")), Certification.Load.quick());
        assertThat(r.checks()).as(r.text()).noneMatch(ch -> ch.verdict() == Certification.Verdict.FAIL);
        assertThat(r.verdict()).isEqualTo(Certification.Verdict.PASS);
        assertThat(r.text()).contains("echoes every message").contains("startup");
        Certification.write(r, dir.resolve("report"), device.privateKey(), List.of(device.certificate()));
        byte[] json = Files.readAllBytes(dir.resolve("report/report.json"));
        byte[] sig = Files.readAllBytes(dir.resolve("report/report.json.p7s"));
        assertThat(new String(json)).contains("\"verdict\" : \"PASS\"").contains("\"id\" : \"com.example.echo\"");
        assertThat(Certification.verifyReport(json, sig, List.of(f.ca().certificate()), Instant.now()).subject()).isEqualTo("CN=device 42");
        json[json.length - 3] ^= 1;
        assertThatThrownBy(() -> Certification.verifyReport(json, sig, List.of(f.ca().certificate()), Instant.now()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aPluginThatTriesToStartProgramsFails() throws Exception {
        SandboxFixtureAccess f = new SandboxFixtureAccess(dir);
        Path pkg = f.packageOf("rude", """
                {"schema": 1, "id": "com.example.rude", "version": "1.0.0", "vendor": "Example Corp",
                 "entryClass": "com.example.probe.RudePlugin", "channels": ["Rude"], "memoryLimitMb": 32}
                """, RudePlugin.class);
        Certification c = new Certification(new PackageVerifier(List.of(f.ca().certificate()), ChannelPolicy.defaults()),
                f.sandboxConfig(), HostConfig.defaults(), InstantSource.system(), Map.of());
        Certification.Report r = c.run(pkg, Files.createDirectories(dir.resolve("work")), Certification.Load.quick());
        assertThat(r.verdict()).isEqualTo(Certification.Verdict.FAIL);
        assertThat(r.checks()).anySatisfy(ch -> {
            assertThat(ch.name()).isEqualTo("sandbox.syscalls");
            assertThat(ch.verdict()).isEqualTo(Certification.Verdict.FAIL);
            assertThat(ch.detail()).contains("tried forbidden system calls").contains("clone");
        });
    }

    @Test
    void anUnsignedPackageFailsAtTheFirstCheck() throws Exception {
        SandboxFixtureAccess f = new SandboxFixtureAccess(dir);
        Path pkg = f.echoPackage();
        Certification c = new Certification(new PackageVerifier(List.of(DevCertificates.ca("other", Instant.now(), Duration.ofDays(1)).certificate()),
                ChannelPolicy.defaults()), f.sandboxConfig(), HostConfig.defaults(), InstantSource.system(), Map.of());
        Certification.Report r = c.run(pkg, dir, Certification.Load.quick());
        assertThat(r.checks()).singleElement().satisfies(ch -> {
            assertThat(ch.name()).isEqualTo("package");
            assertThat(ch.verdict()).isEqualTo(Certification.Verdict.FAIL);
            assertThat(ch.detail()).contains("does not chain to a trust anchor");
        });
    }
}
