package dev.porthole.provisioning.mqtt;

/** Receives the messages of one subscription of a {@link MqttLink}, on the link's dispatcher thread. */
@FunctionalInterface
public interface MessageHandler {
    /** Handles one message; exceptions are logged and do not stop the link. */
    void handle(MqttMessage message);
}
