package dev.porthole.provisioning.command;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.mqtt.MqttMessage;

/** Fuzz target for the command request decoder the device runs on bytes from the broker (invariant 4). */
class CommandFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void requestArgs(byte[] data) {
        try {
            CommandService.args(MqttMessage.to("porthole/v1/acme/kiosk-7/cmd/ping").payload(data).build());
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }
}
