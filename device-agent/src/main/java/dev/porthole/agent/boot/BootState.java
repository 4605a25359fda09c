package dev.porthole.agent.boot;

/** The states of the {@link BootMachine}. */
public enum BootState {
    STARTING,
    LOADING_CONFIG,
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
