package dev.porthole.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.porthole.agent.boot.BootSettings;
import dev.porthole.agent.config.StateDirectory;
import dev.porthole.agent.credentials.PasswordStore;
import dev.porthole.provisioning.command.DeviceControl;
import dev.porthole.provisioning.json.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet wiring that needs no broker: documents' settings as boot settings; an unenrolled device runs without the link. */
class FleetAgentTest {

    @TempDir
    Path dir;

    @Test
    void fleetSettingsAreTheAgentConfigurationPlusTheDisruptiveFlag() {
        PasswordStore passwords = PasswordStore.of(new StateDirectory(dir));
        passwords.store("pw".toCharArray());
        ObjectNode s = StrictJson.parseObject("""
                {"schema": 1, "connection": {"hosts": ["rdp2.example.test"]},
                 "credentials": {"mode": "kiosk", "username": "k"}, "disruptive": true}""".getBytes(), "test");
        BootSettings b = FleetAgent.settingsOf(s, passwords);
        assertThat(b.host()).isEqualTo("rdp2.example.test");
        assertThat(b.mode()).isEqualTo(BootSettings.Mode.KIOSK);
        assertThat(new String(b.password().copy())).isEqualTo("pw");

        ObjectNode bad = StrictJson.parseObject("{\"schema\": 1, \"connection\": {\"hosts\": 7}}".getBytes(), "test");
        assertThatThrownBy(() -> FleetAgent.settingsOf(bad, passwords)).hasMessageContaining("hosts");
    }

    @Test
    void pluginCrashesViolationsDeniedCallsAndDisablingAreFleetEventsLifecycleIsNot() {
        var disabled = FleetAgent.pluginEventFields(new dev.porthole.plugin.sandbox.host.PluginEvent.Disabled("echo", "3 crashes in 60 s"))
                .orElseThrow();
        assertThat(disabled.getKey()).isEqualTo("plugin.disabled");
        assertThat(disabled.getValue().get("plugin").asText()).isEqualTo("echo");
        assertThat(disabled.getValue().get("reason").asText()).isEqualTo("3 crashes in 60 s");
        var denied = FleetAgent.pluginEventFields(new dev.porthole.plugin.sandbox.host.PluginEvent.SyscallDenied("echo", 59, "execve"))
                .orElseThrow();
        assertThat(denied.getKey()).isEqualTo("plugin.syscall-denied");
        assertThat(denied.getValue().get("syscall").asText()).isEqualTo("execve");
        var crashed = FleetAgent.pluginEventFields(new dev.porthole.plugin.sandbox.host.PluginEvent.Exited("echo", 2, 137, "killed", 2000))
                .orElseThrow();
        assertThat(crashed.getKey()).isEqualTo("plugin.crashed");
        assertThat(crashed.getValue().get("exitCode").asInt()).isEqualTo(137);
        assertThat(FleetAgent.pluginEventFields(new dev.porthole.plugin.sandbox.host.PluginEvent.Exited("echo", 2, 0, "stopped", -1)))
                .isEmpty();
        assertThat(FleetAgent.pluginEventFields(new dev.porthole.plugin.sandbox.host.PluginEvent.Started("echo", 1, 900, "bwrap")))
                .isEmpty();
    }

    @Test
    void anUnenrolledDeviceRunsWithoutTheLink() {
        assertThat(FleetAgent.start(dir.resolve("provisioning"), null, new DeviceControl() { }, PasswordStore.of(
                new StateDirectory(dir)), "test")).isEmpty();
    }
}
