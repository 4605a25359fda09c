package dev.porthole.rdp.protocol.credssp;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.porthole.rdp.protocol.ntlm.NtlmTestAcceptor;
import dev.porthole.rdp.protocol.ntlm.TestBytes;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A minimal CredSSP server (MS-CSSP 3.1.5, server side) for tests only, on top of
 * {@link NtlmTestAcceptor}. It speaks a chosen version, checks the client's pubKeyAuth against the
 * public key of its own certificate (read through the JDK's certificate parser) with SHA-256 from the
 * JDK, answers as a real server would (errorCode from version 3, the Server-To-Client hash or the
 * key with its first byte plus one), and unseals the delegated TSCredentials.
 */
class CredSspTestAcceptor {

    static final int STATUS_LOGON_FAILURE = 0xC000006D;

    /** The server closed the connection instead of answering (what a version 2 server does on failure). */
    static final class Closed extends RuntimeException {
        Closed(String why) {
            super(why);
        }
    }

    enum Tamper { NONE, ECHO_CLIENT_PUBKEYAUTH, WRONG_HASH, UNSEALED_GARBAGE }

    private final int version;
    private final byte[] subjectPublicKey;
    private final NtlmTestAcceptor ntlm;
    private Tamper tamper = Tamper.NONE;
    private int step;
    private TsPasswordCreds received;
    private NtlmTestAcceptor.Verdict verdict;
    private String pubKeyProblem;

    CredSspTestAcceptor(int version, String user, String domain, String password, byte[] certificateDer, Long timestamp, String spn) {
        this(version, user, domain, password, certificateDer, timestamp, spn, channelBindingsHash(certificateDer));
    }

    /** With an explicit expected MsvAvChannelBindings value (Z(16) for a client without bindings). */
    CredSspTestAcceptor(int version, String user, String domain, String password, byte[] certificateDer, Long timestamp, String spn,
                        byte[] expectedChannelBindingsHash) {
        this.version = version;
        this.subjectPublicKey = subjectPublicKeyViaJdk(certificateDer);
        this.ntlm = new NtlmTestAcceptor(user, domain, password, HexFormat.of().parseHex("1122334455667788"), timestamp,
                expectedChannelBindingsHash, spn);
    }

    CredSspTestAcceptor tamper(Tamper t) {
        this.tamper = t;
        return this;
    }

    static byte[] subjectPublicKeyViaJdk(byte[] certificateDer) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
            return SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded()).getPublicKeyData().getOctets();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** MD5 of the tls-server-end-point bindings, for a SHA-256-signed certificate, laid out by hand. */
    static byte[] channelBindingsHash(byte[] certificateDer) {
        try {
            byte[] app = TestBytes.concat("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII),
                    MessageDigest.getInstance("SHA-256").digest(certificateDer));
            byte[] struct = ByteBuffer.allocate(20 + app.length).order(ByteOrder.LITTLE_ENDIAN).position(16).putInt(app.length).put(app).array();
            return MessageDigest.getInstance("MD5").digest(struct);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    NtlmTestAcceptor.Verdict verdict() {
        return verdict;
    }

    String pubKeyProblem() {
        return pubKeyProblem;
    }

    TsPasswordCreds received() {
        return received;
    }

    List<String> notes() {
        return ntlm.notes();
    }

    /** Answers one client TSRequest. */
    byte[] handle(byte[] der) {
        TsRequest request = TsRequest.decode(der);
        if (request.version() != CredSspClient.VERSION) {
            throw new AssertionError("client announced version " + request.version());
        }
        switch (step++) {
            case 0 -> {
                return new TsRequest(version, List.of(ntlm.challenge(request.negoTokens().get(0))), null, null, null, null).toDer();
            }
            case 1 -> {
                verdict = ntlm.accept(request.negoTokens().get(0));
                if (verdict != NtlmTestAcceptor.Verdict.OK) {
                    return refuse("NTLM " + verdict);
                }
                byte[] proof = ntlm.unsealFromClient(request.pubKeyAuth());
                byte[] nonce = request.clientNonce();
                byte[] expected;
                if (version >= 5) {
                    if (nonce == null) {
                        throw new AssertionError("version " + version + " needs clientNonce");
                    }
                    expected = sha256(TestBytes.concat("CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII), nonce, subjectPublicKey));
                } else {
                    expected = subjectPublicKey;
                }
                if (!Arrays.equals(expected, proof)) {
                    pubKeyProblem = "client pubKeyAuth does not match the server's key";
                    return refuse(pubKeyProblem);
                }
                byte[] answer;
                if (version >= 5) {
                    answer = sha256(TestBytes.concat("CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII), nonce, subjectPublicKey));
                } else {
                    answer = subjectPublicKey.clone();
                    answer[0]++;
                }
                byte[] sealed = switch (tamper) {
                    case NONE -> ntlm.sealToClient(answer);
                    case ECHO_CLIENT_PUBKEYAUTH -> request.pubKeyAuth();
                    case WRONG_HASH -> ntlm.sealToClient(sha256(answer));
                    case UNSEALED_GARBAGE -> new byte[48];
                };
                return new TsRequest(version, List.of(), null, sealed, null, null).toDer();
            }
            case 2 -> {
                byte[] plain = ntlm.unsealFromClient(request.authInfo());
                TsCredentials creds = TsCredentials.decode(plain);
                if (creds.credType() != TsCredentials.PASSWORD) {
                    throw new AssertionError("credType " + creds.credType());
                }
                received = TsPasswordCreds.decode(creds.credentials());
                return null;
            }
            default -> throw new AssertionError("unexpected client message " + step);
        }
    }

    private byte[] refuse(String why) {
        if (version >= 3) {
            return new TsRequest(version, List.of(), null, null, STATUS_LOGON_FAILURE, null).toDer();
        }
        throw new Closed(why);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
