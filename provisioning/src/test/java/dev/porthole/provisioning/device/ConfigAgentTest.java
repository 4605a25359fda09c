package dev.porthole.provisioning.device;

import static dev.porthole.provisioning.config.Fixtures.SELF;
import static dev.porthole.provisioning.config.Fixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.config.ConfigVerifier;
import dev.porthole.provisioning.config.Fixtures;
import dev.porthole.provisioning.device.ConfigApplier.Reason;
import dev.porthole.provisioning.store.ConfigStore;

class ConfigAgentTest {

    @TempDir
    Path state;

    private final FakeApplier applier = new FakeApplier();
    private final List<ConfigReport> reports = new ArrayList<>();
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-05-01T12:00:00Z"));

    private ConfigAgent agent() {
        return new ConfigAgent(SELF, ConfigVerifier.trusting(Fixtures.fleetKey().getPublic()), ConfigStore.open(state),
                applier, clock, reports::add);
    }

    @Test
    void appliesANewDocumentAndReportsIt() {
        ConfigAgent a = agent();
        assertThat(a.boot()).isEmpty();
        assertThat(applier.calls()).isEmpty();

        ConfigReport r = a.receive(signed(SELF, 1));
        assertThat(r.status()).isEqualTo("applied");
        assertThat(r.version()).isEqualTo(1);
        assertThat(r.attempted()).isEqualTo(1);
        assertThat(r.good()).containsExactly(1L);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(1, Reason.NEW));
        assertThat(a.current()).map(ConfigDocument::version).hasValue(1L);
        assertThat(reports).containsExactly(r);
    }

    @Test
    void theSameRetainedDocumentRedeliveredChangesNothing() {
        ConfigAgent a = agent();
        a.boot();
        byte[] v1 = signed(SELF, 1);
        a.receive(v1);
        a.receive(v1);
        a.receive(v1.clone());
        assertThat(reports).hasSize(1);
        assertThat(applier.calls()).hasSize(1);
    }

    @Test
    void rejectionsKeepTheLastGoodDocumentInForce() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 5));
        byte[] tampered = signed(SELF, 6);
        tampered[tampered.length - 2] ^= 0x01;
        ConfigReport bad = a.receive(tampered);
        assertThat(bad.status()).isEqualTo("rejected");
        assertThat(bad.reason()).isEqualTo("bad-signature");
        assertThat(bad.version()).as("in force").isEqualTo(5);

        ConfigReport older = a.receive(signed(SELF, 4));
        assertThat(older.reason()).isEqualTo("not-newer");
        assertThat(older.attempted()).isEqualTo(4);
        assertThat(older.message()).contains("not newer than the last applied version 5");

        ConfigReport wrong = a.receive(signed(new dev.porthole.provisioning.topic.DeviceAddress("acme", "kiosk-8"), 9));
        assertThat(wrong.reason()).isEqualTo("wrong-device");

        assertThat(a.current()).map(ConfigDocument::version).hasValue(5L);
        assertThat(a.store().floor()).isEqualTo(5);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(5, Reason.NEW));
        // the fleet can still move on
        assertThat(a.receive(signed(SELF, 6)).status()).isEqualTo("applied");
    }

    @Test
    void failedHealthCheckRevertsAndUsesUpTheVersion() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 2));
        applier.nextHealth(HealthResult.unhealthy("RDP host rdp-3.example unreachable"));
        byte[] v3 = signed(SELF, 3);
        ConfigReport r = a.receive(v3);
        assertThat(r.status()).isEqualTo("rejected");
        assertThat(r.reason()).isEqualTo("health-check-failed");
        assertThat(r.message()).contains("rdp-3.example unreachable").contains("reverted to version 2");
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.attempted()).isEqualTo(3);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(2, Reason.NEW),
                new FakeApplier.Call(3, Reason.NEW), new FakeApplier.Call(2, Reason.REVERT));
        assertThat(a.current()).map(ConfigDocument::version).hasValue(2L);
        assertThat(a.store().floor()).isEqualTo(3);

        // the broker redelivers the retained v3 at the next connection: no retry loop, the report stays
        a.receive(v3);
        assertThat(applier.calls()).hasSize(3);
        assertThat(reports.getLast()).isEqualTo(r);
        // and it survives a restart
        ConfigAgent again = agent();
        assertThat(again.boot()).map(ConfigDocument::version).hasValue(2L);
        again.receive(v3);
        assertThat(again.lastReport()).hasValue(r);
    }

    @Test
    void failedApplyIsReportedAndReverted() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 1));
        applier.next(ApplyResult.failed("display mode 8K not supported"));
        ConfigReport r = a.receive(signed(SELF, 2));
        assertThat(r.reason()).isEqualTo("apply-failed");
        assertThat(r.message()).isEqualTo("display mode 8K not supported");
        assertThat(applier.calls().getLast()).isEqualTo(new FakeApplier.Call(1, Reason.REVERT));

        applier.policy(d -> {
            throw new IllegalStateException("boom");
        });
        ConfigReport thrown = a.receive(signed(SELF, 3));
        assertThat(thrown.reason()).isEqualTo("apply-failed");
        assertThat(thrown.message()).contains("IllegalStateException: boom");
        assertThat(a.current()).map(ConfigDocument::version).hasValue(1L);
    }

    @Test
    void pendingUntilTheSessionEnds() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 1));
        applier.next(ApplyResult.pending("a session is running; the RDP host changes"));
        ConfigReport p = a.receive(signed(SELF, 2));
        assertThat(p.status()).isEqualTo("pending");
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.attempted()).isEqualTo(2);
        assertThat(a.current()).map(ConfigDocument::version).hasValue(1L);

        ConfigReport done = a.retryPending();
        assertThat(done.status()).isEqualTo("applied");
        assertThat(done.version()).isEqualTo(2);
        assertThat(applier.calls().getLast()).isEqualTo(new FakeApplier.Call(2, Reason.PENDING));
        assertThat(a.retryPending()).isEqualTo(done);
    }

    @Test
    void pendingDocumentIsAppliedAtTheNextBoot() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 1));
        applier.next(ApplyResult.pending("session running"));
        a.receive(signed(SELF, 2));

        applier.calls.clear();
        ConfigAgent rebooted = agent();
        assertThat(rebooted.boot()).map(ConfigDocument::version).hasValue(2L);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(2, Reason.PENDING));
        assertThat(rebooted.lastReport().orElseThrow().status()).isEqualTo("applied");
    }

    @Test
    void applyInterruptedByACrashIsReportedAndTheLastGoodStays() {
        ConfigAgent a = agent();
        a.boot();
        a.receive(signed(SELF, 1));
        // power cut after staging v2, before it was applied and committed
        ConfigStore.open(state).stage(2, signed(SELF, 2));

        applier.calls.clear();
        ConfigAgent rebooted = agent();
        assertThat(rebooted.boot()).map(ConfigDocument::version).hasValue(1L);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(1, Reason.BOOT));
        ConfigReport r = rebooted.lastReport().orElseThrow();
        assertThat(r.status()).isEqualTo("rejected");
        assertThat(r.reason()).isEqualTo("apply-failed");
        assertThat(r.message()).contains("interrupted by a restart");
        assertThat(rebooted.store().floor()).as("not retried in a loop").isEqualTo(2);
    }

    @Test
    void keepsTheLastThreeGoodDocuments() throws Exception {
        ConfigAgent a = agent();
        a.boot();
        for (long v = 1; v <= 5; v++) {
            a.receive(signed(SELF, v));
        }
        assertThat(a.store().goodVersions()).containsExactly(5L, 4L, 3L);
        try (var files = Files.list(state.resolve("config"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("doc-3.jws", "doc-4.jws", "doc-5.jws", "index.json");
        }
        assertThat(a.store().document(5)).hasValueSatisfying(b -> assertThat(b).isEqualTo(signed(SELF, 5)));
    }

    @Test
    void bootsOfflineFromTheLastGoodDocumentAndSkipsOneThatNoLongerVerifies() throws Exception {
        ConfigAgent a = agent();
        a.boot();
        for (long v = 1; v <= 3; v++) {
            a.receive(signed(SELF, v));
        }
        applier.calls.clear();
        assertThat(agent().boot()).map(ConfigDocument::version).hasValue(3L);
        assertThat(applier.calls()).containsExactly(new FakeApplier.Call(3, Reason.BOOT));

        // someone edits the document on disk
        Path doc3 = state.resolve("config/doc-3.jws");
        byte[] bytes = Files.readAllBytes(doc3);
        bytes[bytes.length - 1] = (byte) (bytes[bytes.length - 1] == 'A' ? 'B' : 'A');
        Files.write(doc3, bytes);
        applier.calls.clear();
        ConfigAgent b = agent();
        assertThat(b.boot()).map(ConfigDocument::version).hasValue(2L);
        assertThat(b.store().goodVersions()).containsExactly(2L, 1L);
        assertThat(b.store().floor()).isEqualTo(3);
    }

    @Test
    void documentAlreadyInForceRepublishedIsReportedAppliedAgain() {
        ConfigAgent a = agent();
        a.boot();
        byte[] v1 = signed(SELF, 1);
        a.receive(v1);
        byte[] tampered = signed(SELF, 2);
        tampered[10] ^= 1;
        a.receive(tampered);
        ConfigReport again = a.receive(v1);
        assertThat(again.status()).isEqualTo("applied");
        assertThat(again.version()).isEqualTo(1);
        assertThat(applier.calls()).hasSize(1);
    }
}
