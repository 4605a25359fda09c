package dev.porthole.agent.credentials;

/** Credentials at rest cannot be stored or read: missing, tampered with, wrong key, unsafe permissions. Never carries a secret. */
public final class CredentialsException extends RuntimeException {
    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    public CredentialsException(String message) {
        super(message);
    }
}
