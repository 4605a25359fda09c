package dev.porthole.provisioning.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.mqtt.Topics;

class TopicTreeTest {

    private final DeviceTopics t = new DeviceAddress("acme", "kiosk-7").topics();

    @Test
    void deviceSubtree() {
        assertThat(t.birth()).isEqualTo("porthole/v1/acme/kiosk-7/birth");
        assertThat(t.state()).isEqualTo("porthole/v1/acme/kiosk-7/state");
        assertThat(t.desired()).isEqualTo("porthole/v1/acme/kiosk-7/config/desired");
        assertThat(t.reported()).isEqualTo("porthole/v1/acme/kiosk-7/config/reported");
        assertThat(t.command("screenshot")).isEqualTo("porthole/v1/acme/kiosk-7/cmd/screenshot");
        assertThat(t.response()).isEqualTo("porthole/v1/acme/kiosk-7/rsp");
        assertThat(t.events()).isEqualTo("porthole/v1/acme/kiosk-7/events");
        assertThat(t.telemetry("system")).isEqualTo("porthole/v1/acme/kiosk-7/telemetry/system");
        assertThat(Topics.matches(t.commands(), t.command("ping"))).isTrue();
        assertThat(Topics.matches("porthole/v1/+/kiosk-7/#", t.reported())).as("the broker ACL pattern").isTrue();
        assertThat(t.contains("porthole/v1/acme/kiosk-7/rsp")).isTrue();
        assertThat(t.contains("porthole/v1/acme/kiosk-70/rsp")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a+", "a#", "a\0b", "", " a", "a b", ".hidden", "-x", "ü", "..",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void rejectsIdsThatCouldEscapeTheSubtree(String id) {
        assertThatThrownBy(() -> new DeviceAddress("acme", id))
                .isInstanceOf(ProvisioningException.class).hasMessageStartingWith("device id ");
        assertThatThrownBy(() -> new DeviceAddress(id, "dev"))
                .isInstanceOf(ProvisioningException.class).hasMessageStartingWith("tenant id ");
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> new DeviceAddress("acme", "a/b")).hasMessageContaining("topic separator '/' at index 1");
        assertThatThrownBy(() -> new DeviceAddress("acme", "a+")).hasMessageContaining("wildcard '+'");
        assertThatThrownBy(() -> new DeviceAddress("acme", "a\0")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new DeviceAddress("acme", "x".repeat(65))).hasMessageContaining("at most 64");
        assertThatThrownBy(() -> t.command("re boot")).hasMessageContaining("command name");
    }

    @Test
    void fleetParsesDeviceTopicsOfItsTenantOnly() {
        FleetTopics f = new FleetTopics("acme");
        assertThat(f.everyDevice("state")).isEqualTo("porthole/v1/acme/+/state");
        assertThat(f.parse("porthole/v1/acme/kiosk-7/config/reported")).hasValueSatisfying(p -> {
            assertThat(p.address()).isEqualTo(new DeviceAddress("acme", "kiosk-7"));
            assertThat(p.leaf()).isEqualTo("config/reported");
        });
        assertThat(f.parse("porthole/v1/other/kiosk-7/state")).isEmpty();
        assertThat(f.parse("porthole/v1/acme/kiosk-7")).isEmpty();
        assertThat(f.parse("porthole/v1/acme/bad id/state")).isEmpty();
        assertThat(f.parse("elsewhere/acme/kiosk-7/state")).isEmpty();
    }
}
