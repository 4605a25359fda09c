package dev.porthole.agent.boot;

/** The states of the {@link BootMachine}. */
public enum BootState {
    STARTING,
    LOADING_CONFIG,
    /** No session host is configured: the start screen stays until provisioning supplies one. */
    WAITING_FOR_CONFIG,
    WAITING_FOR_NETWORK,
    SIGN_IN,
    CONNECTING,
    IN_SESSION,
    RECONNECTING,
    AUTH_FAILED,
    IDLE,
    SHUTTING_DOWN,
    STOPPED
}
