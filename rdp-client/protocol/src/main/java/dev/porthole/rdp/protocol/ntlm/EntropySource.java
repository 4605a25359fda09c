package dev.porthole.rdp.protocol.ntlm;

/**
 * Where the sans-I/O protocol core gets random bytes: the NTLM ClientChallenge and exported
 * session key (MS-NLMP 3.1.5.1.2, NONCE() of section 6) and the CredSSP client nonce (MS-CSSP
 * 2.2.1). The core never creates its own randomness; production callers pass
 * {@code new java.security.SecureRandom()::nextBytes}, tests pass fixed bytes.
 */
@FunctionalInterface
public interface EntropySource {

    /** Fills {@code out} completely with cryptographically random bytes. */
    void nextBytes(byte[] out);
}
