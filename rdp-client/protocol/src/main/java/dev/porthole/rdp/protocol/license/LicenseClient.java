package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.crypto.Primitives;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.license.ClientHardwareId;
import dev.porthole.rdp.protocol.pdu.license.ClientLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.ClientNewLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.ClientPlatformChallengeResponse;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicenseErrorMessage;
import dev.porthole.rdp.protocol.pdu.license.LicenseMessage;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;
import dev.porthole.rdp.protocol.pdu.license.PlatformChallengeResponseData;
import dev.porthole.rdp.protocol.pdu.license.ServerLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.ServerLicense;
import dev.porthole.rdp.protocol.pdu.license.ServerPlatformChallenge;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The client side of the RDP licensing exchange (MS-RDPELE 1.3.3, 3.3) as a sans-I/O state machine: the
 * caller passes each licensing message from the server to {@link #onServerMessage} and carries out the
 * returned {@link Step}. The flows:
 *
 * <ul>
 *   <li>Server License Request (2.2.2.1, 3.3.5.1): the server's RSA key comes from the certificate in the
 *       request, or, when the request carries none (servers may omit it when encryption already protects
 *       the connection), from the certificate of the Server Security Data (MS-RDPBCGR 2.2.1.4.3) as
 *       MS-RDPELE 2.2.2.1 prescribes. Under Enhanced RDP Security that holds none either, and the exchange
 *       fails as UNSUPPORTED: the specification names no other source. A proprietary certificate must carry
 *       a valid signature (MS-RDPBCGR 5.3.3.1.3); a certificate that does not verify is answered with
 *       ERR_INVALID_SERVER_CERTIFICATE / ST_TOTAL_ABORT (3.3.5.1). The client draws a 32-byte client random
 *       and a 48-byte premaster secret from the entropy source (in that order, 5.1.1), encrypts the secret
 *       with the server key (5.1.1.1, MS-RDPBCGR 5.3.4.1), derives the {@link LicensingKeys} (5.1.2) and
 *       answers with a Client New License Request (2.2.2.2: user and machine name), or with Client License
 *       Information (2.2.2.3: the stored license, the encrypted hardware id and its MAC) when the settings
 *       hold a stored license.</li>
 *   <li>Server Platform Challenge (2.2.2.4, 3.3.5.4): the challenge is decrypted with RC4 and its MAC
 *       checked; the answer is a Client Platform Challenge Response (2.2.2.5, 3.3.5.5) with the encrypted
 *       PLATFORM_CHALLENGE_RESPONSE_DATA, the encrypted hardware id and the MAC over both in clear.</li>
 *   <li>Server New License / Upgrade License (2.2.2.7, 2.2.2.6, 3.3.5.6-7): the NEW_LICENSE_INFO is
 *       decrypted, its MAC checked and the license handed to the caller in the {@link LicenseOutcome};
 *       licensing is complete.</li>
 *   <li>Licensing Error Message (2.2.2.8, 3.1.5.3): STATUS_VALID_CLIENT completes licensing; other errors
 *       follow their state transition: ST_TOTAL_ABORT fails (AUTHENTICATION when the server refuses to
 *       license this client, UNSUPPORTED when it could not process the exchange), ST_NO_TRANSITION completes
 *       with {@link LicenseOutcome.Result#CONTINUED_AFTER_ERROR}, ST_RESET_PHASE_TO_START waits for a new
 *       Server License Request and ST_RESEND_LAST_MESSAGE resends the last message (each at most
 *       {@link #MAX_REPEATS} times; Microsoft servers never send these two, footnote 17).</li>
 * </ul>
 *
 * A MAC that does not verify is answered with ERR_INVALID_MAC / ST_TOTAL_ABORT (3.3.5.9). Messages out
 * of sequence fail as STATE (3.3.5.8). Any {@link RdpException} thrown leaves the client FAILED; the
 * licensing keys are wiped when licensing ends either way.
 */
public final class LicenseClient {

    /** What the caller does next. */
    public sealed interface Step {}

    /** Send {@code pdu} (as a Send Data Request with a SEC_LICENSE_PKT security header) and wait for the server. */
    public record Reply(LicensePdu pdu) implements Step {}

    /** Nothing to send; wait for the next licensing message. */
    public record Wait() implements Step {}

    /** Licensing is complete. */
    public record Done(LicenseOutcome outcome) implements Step {}

    /** Send {@code pdu} (a Licensing Error Message with ST_TOTAL_ABORT), then fail with {@code error}. */
    public record Abort(LicensePdu pdu, RdpException error) implements Step {}

    /** Where the client is (MS-RDPELE 3.3.1.11, with the awaiting state split by what was sent). */
    public enum State { AWAIT_LICENSE_REQUEST, AWAIT_CHALLENGE_OR_LICENSE, AWAIT_LICENSE, COMPLETED, FAILED }

    /**
     * Largest platform challenge echoed back. The specification sets no bound; deployed servers send a few
     * bytes (10 in the MS-RDPELE 4.4 example), and the answer must fit one licensing PDU.
     */
    public static final int MAX_CHALLENGE = 4096;

    /** How often the server may ask for a reset or a resend. */
    public static final int MAX_REPEATS = 3;

    /** Preamble flags of the client's messages: version 3.0 and extended error support (MS-RDPBCGR 2.2.1.12.1.1). */
    public static final int CLIENT_PREAMBLE_FLAGS = LicensePdu.PREAMBLE_VERSION_3_0 | LicensePdu.EXTENDED_ERROR_MSG_SUPPORTED;

    private final String userName;
    private final String machineName;
    private final LicensingSettings settings;
    private final byte[] fallbackCertificate;
    private State state = State.AWAIT_LICENSE_REQUEST;
    private LicensingKeys keys;
    private LicensePdu lastSent;
    private int resets;
    private int resends;
    private String keyExchange = "";
    private String keySource = "";

    /**
     * @param userName            ClientUserName (ANSI; characters outside ISO-8859-1 become '?')
     * @param machineName         ClientMachineName (likewise)
     * @param fallbackCertificate the serverCertificate of the Server Security Data (empty under Enhanced RDP Security)
     */
    public LicenseClient(String userName, String machineName, LicensingSettings settings, byte[] fallbackCertificate) {
        this.userName = ansiSafe(userName);
        this.machineName = ansiSafe(machineName);
        if (settings == null) {
            throw RdpException.argument("LicenseClient", "settings", "is null (use LicensingSettings.NONE for none)");
        }
        this.settings = settings;
        this.fallbackCertificate = fallbackCertificate == null ? new byte[0] : fallbackCertificate.clone();
    }

    private static String ansiSafe(String s) {
        return s == null ? "" : s.replace('\0', ' ');
    }

    public State state() {
        return state;
    }

    /** The hardware id this client sends (MS-RDPELE 2.2.2.3.1): the platform id and the device id's four words. */
    public ClientHardwareId hardwareId() {
        byte[] d = settings.deviceId().toByteArray();
        return new ClientHardwareId(settings.platformId(), le32(d, 0), le32(d, 4), le32(d, 8), le32(d, 12));
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** Handles one licensing message from the server. */
    public Step onServerMessage(LicensePdu pdu) {
        if (state == State.COMPLETED || state == State.FAILED) {
            throw new RdpException(RdpException.Kind.STATE, "licensing message " + name(pdu.message())
                    + " after licensing was " + (state == State.COMPLETED ? "completed" : "aborted"));
        }
        try {
            Step step = switch (pdu.message()) {
                case ServerLicenseRequest request -> onLicenseRequest(request);
                case ServerPlatformChallenge challenge -> onPlatformChallenge(challenge);
                case ServerLicense license -> onLicense(license.encryptedLicenseInfo(), license.macData(), license.upgrade());
                case LicenseErrorMessage error -> onError(error);
                default -> throw new RdpException(RdpException.Kind.STATE, "the server sent " + name(pdu.message())
                        + ", a message only clients send (MS-RDPELE 3.3.5.8)");
            };
            switch (step) {
                case Done ignored -> finish(State.COMPLETED);
                case Abort ignored -> finish(State.FAILED);
                default -> { }
            }
            return step;
        } catch (RdpException e) {
            finish(State.FAILED);
            throw e;
        }
    }

    private void finish(State end) {
        state = end;
        if (keys != null) {
            keys.destroy();
            keys = null;
        }
    }

    private Step onLicenseRequest(ServerLicenseRequest request) {
        expect(State.AWAIT_LICENSE_REQUEST, request);
        if (!request.keyExchangeAlgorithms().isEmpty()
                && !request.keyExchangeAlgorithms().contains(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA)) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, "SERVER_LICENSE_REQUEST.KeyExchangeList: "
                    + request.keyExchangeAlgorithms() + " does not offer KEY_EXCHANGE_ALG_RSA (1)");
        }
        byte[] certificate = request.serverCertificate().data().toByteArray();
        String where = "SERVER_LICENSE_REQUEST.ServerCertificate";
        if (certificate.length == 0) {
            if (fallbackCertificate.length == 0) {
                throw new RdpException(RdpException.Kind.UNSUPPORTED, where + ": the server sent no certificate and the "
                        + "Server Security Data holds none (Enhanced RDP Security), so there is no key to encrypt the "
                        + "premaster secret with; MS-RDPELE 2.2.2.1 names no other source");
            }
            certificate = fallbackCertificate;
            where = "TS_UD_SC_SEC1.serverCertificate";
        }
        byte[] clientRandom = new byte[LicensingKeys.RANDOM_SIZE];
        byte[] premaster = new byte[LicensingKeys.PREMASTER_SECRET_SIZE];
        try {
            settings.entropy().nextBytes(clientRandom);
            settings.entropy().nextBytes(premaster);
            ServerPublicKey key;
            byte[] encrypted;
            try {
                key = serverKey(certificate, where);
                encrypted = key.encrypt(premaster);
            } catch (RdpException e) {
                return new Abort(error(LicenseErrorMessage.ERR_INVALID_SERVER_CERTIFICATE), new RdpException(e.kind(),
                        e.getMessage() + " (answered with ERR_INVALID_SERVER_CERTIFICATE)", e));
            }
            keys = LicensingKeys.derive(premaster, clientRandom, request.serverRandom().toByteArray());
            LicenseBinaryBlob secret = new LicenseBinaryBlob(LicenseBinaryBlob.BB_RANDOM_BLOB, Bytes.of(encrypted));
            LicenseMessage answer;
            if (settings.storedLicense() == null) {
                answer = new ClientNewLicenseRequest(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA, settings.platformId(),
                        Bytes.of(clientRandom), secret,
                        LicenseBinaryBlob.ansi(LicenseBinaryBlob.BB_CLIENT_USER_NAME_BLOB, userName),
                        LicenseBinaryBlob.ansi(LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB, machineName));
            } else {
                byte[] hwid = encode(hardwareId()::encode, ClientHardwareId.SIZE);
                answer = new ClientLicenseInfo(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA, settings.platformId(),
                        Bytes.of(clientRandom), secret, new LicenseBinaryBlob(LicenseBinaryBlob.BB_DATA_BLOB, settings.storedLicense()),
                        encrypted(hwid), Bytes.of(keys.mac(hwid)));
            }
            keyExchange = key.bits() + "-bit RSA key of the " + keySource;
            state = State.AWAIT_CHALLENGE_OR_LICENSE;
            return reply(answer);
        } finally {
            Primitives.wipe(premaster);
        }
    }

    /** The key of the certificate (MS-RDPBCGR 2.2.1.4.3.1); a proprietary one must verify (5.3.3.1.3). */
    private ServerPublicKey serverKey(byte[] bytes, String where) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        ServerCertificate certificate;
        try {
            certificate = ServerCertificate.decode(in);
        } finally {
            in.release();
        }
        if (certificate instanceof ProprietaryServerCertificate proprietary && !proprietary.signatureValid()) {
            throw new RdpException(RdpException.Kind.TRUST, where + ": the proprietary certificate's signature does not "
                    + "verify with the Terminal Services signing key (MS-RDPBCGR 5.3.3.1.3)");
        }
        keySource = (certificate instanceof ProprietaryServerCertificate ? "proprietary certificate" : "X.509 chain")
                + (where.startsWith("TS_UD") ? " of the Server Security Data" : "");
        return certificate.publicKey();
    }

    private Step onPlatformChallenge(ServerPlatformChallenge challenge) {
        expect(State.AWAIT_CHALLENGE_OR_LICENSE, challenge);
        byte[] clear = keys.rc4(challenge.encryptedPlatformChallenge().data().toByteArray());
        if (!keys.verify(clear, challenge.macData().toByteArray())) {
            return invalidMac("SERVER_PLATFORM_CHALLENGE");
        }
        if (clear.length > MAX_CHALLENGE) {
            throw new RdpException(RdpException.Kind.UNSUPPORTED, "SERVER_PLATFORM_CHALLENGE.EncryptedPlatformChallenge: "
                    + clear.length + " bytes exceed the " + MAX_CHALLENGE + " this client echoes");
        }
        PlatformChallengeResponseData data = new PlatformChallengeResponseData(PlatformChallengeResponseData.VERSION,
                PlatformChallengeResponseData.OTHER_PLATFORMCHALLENGE_TYPE, PlatformChallengeResponseData.LICENSE_DETAIL_DETAIL,
                Bytes.of(clear));
        byte[] response = encode(data::encode, data.size());
        byte[] hwid = encode(hardwareId()::encode, ClientHardwareId.SIZE);
        byte[] mac = keys.mac(Primitives.concat(response, hwid));
        state = State.AWAIT_LICENSE;
        return reply(new ClientPlatformChallengeResponse(encrypted(response), encrypted(hwid), Bytes.of(mac)));
    }

    private Step onLicense(LicenseBinaryBlob encrypted, Bytes macData, boolean upgrade) {
        String pdu = upgrade ? "SERVER_UPGRADE_LICENSE" : "SERVER_NEW_LICENSE";
        if (state != State.AWAIT_CHALLENGE_OR_LICENSE && state != State.AWAIT_LICENSE) {
            throw outOfSequence(pdu);
        }
        byte[] clear = keys.rc4(encrypted.data().toByteArray());
        if (!keys.verify(clear, macData.toByteArray())) {
            return invalidMac(pdu);
        }
        ByteBuf in = Unpooled.wrappedBuffer(clear);
        NewLicenseInfo info;
        try {
            info = NewLicenseInfo.decode(in);
            if (in.isReadable()) {
                throw RdpException.malformed(pdu, "EncryptedLicenseInfo", in.readableBytes() + " bytes after NEW_LICENSE_INFO");
            }
        } finally {
            in.release();
        }
        String detail = (upgrade ? "license upgraded" : "new license issued") + " by " + info.scope() + " for "
                + info.companyName() + " " + info.productId() + String.format(" version 0x%08x", info.version()) + " ("
                + info.licenseInfo().length() + " bytes) after " + keyExchangeDetail();
        return new Done(new LicenseOutcome(upgrade ? LicenseOutcome.Result.LICENSE_UPGRADED : LicenseOutcome.Result.LICENSE_ISSUED,
                info, detail));
    }

    private Step onError(LicenseErrorMessage error) {
        String transition = transitionName(error.stateTransition());
        if (error.errorCode() == LicenseErrorMessage.STATUS_VALID_CLIENT) {
            return new Done(new LicenseOutcome(LicenseOutcome.Result.VALID_CLIENT, null, "valid client"
                    + (state == State.AWAIT_LICENSE_REQUEST ? "" : " after " + keyExchangeDetail())
                    + (error.stateTransition() == LicenseErrorMessage.ST_NO_TRANSITION ? "" : " (" + transition + ")")));
        }
        String what = "the licensing server sent " + error.errorName() + " with " + transition;
        return switch (error.stateTransition()) {
            case LicenseErrorMessage.ST_NO_TRANSITION -> new Done(new LicenseOutcome(
                    LicenseOutcome.Result.CONTINUED_AFTER_ERROR, null, what + "; the connection goes on"));
            case LicenseErrorMessage.ST_TOTAL_ABORT -> throw new RdpException(kindOf(error.errorCode()), what
                    + " (MS-RDPELE 3.1.5.3): licensing is aborted");
            case LicenseErrorMessage.ST_RESET_PHASE_TO_START -> {
                if (++resets > MAX_REPEATS) {
                    throw new RdpException(RdpException.Kind.STATE, what + " more than " + MAX_REPEATS + " times");
                }
                if (keys != null) {
                    keys.destroy();
                    keys = null;
                }
                lastSent = null;
                state = State.AWAIT_LICENSE_REQUEST;
                yield new Wait();
            }
            case LicenseErrorMessage.ST_RESEND_LAST_MESSAGE -> {
                if (lastSent == null) {
                    throw new RdpException(RdpException.Kind.STATE, what + " before the client sent anything");
                }
                if (++resends > MAX_REPEATS) {
                    throw new RdpException(RdpException.Kind.STATE, what + " more than " + MAX_REPEATS + " times");
                }
                yield new Reply(lastSent);
            }
            default -> throw RdpException.malformed("LICENSE_ERROR_MESSAGE", "dwStateTransition",
                    error.stateTransition() + " is not a state transition (1..4)");
        };
    }

    /** AUTHENTICATION when the server refuses to license this client, UNSUPPORTED when the exchange itself failed. */
    static RdpException.Kind kindOf(int errorCode) {
        return switch (errorCode) {
            case LicenseErrorMessage.ERR_NO_LICENSE, LicenseErrorMessage.ERR_NO_LICENSE_SERVER,
                 LicenseErrorMessage.ERR_INVALID_CLIENT, LicenseErrorMessage.ERR_INVALID_SCOPE,
                 LicenseErrorMessage.ERR_INVALID_PRODUCTID -> RdpException.Kind.AUTHENTICATION;
            default -> RdpException.Kind.UNSUPPORTED;
        };
    }

    static String transitionName(int transition) {
        return switch (transition) {
            case LicenseErrorMessage.ST_TOTAL_ABORT -> "ST_TOTAL_ABORT";
            case LicenseErrorMessage.ST_NO_TRANSITION -> "ST_NO_TRANSITION";
            case LicenseErrorMessage.ST_RESET_PHASE_TO_START -> "ST_RESET_PHASE_TO_START";
            case LicenseErrorMessage.ST_RESEND_LAST_MESSAGE -> "ST_RESEND_LAST_MESSAGE";
            default -> String.format("state transition 0x%08x", transition);
        };
    }

    private String keyExchangeDetail() {
        return keyExchange.isEmpty() ? "the license request" : "a key exchange with the " + keyExchange;
    }

    private Step invalidMac(String pdu) {
        return new Abort(error(LicenseErrorMessage.ERR_INVALID_MAC), new RdpException(RdpException.Kind.TRUST,
                pdu + ".MACData: does not match the decrypted data (MS-RDPELE 3.3.5.9); answered with ERR_INVALID_MAC"));
    }

    private static LicensePdu error(int code) {
        return new LicensePdu(CLIENT_PREAMBLE_FLAGS, new LicenseErrorMessage(code, LicenseErrorMessage.ST_TOTAL_ABORT,
                LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_ERROR_BLOB)));
    }

    private Reply reply(LicenseMessage message) {
        lastSent = new LicensePdu(CLIENT_PREAMBLE_FLAGS, message);
        return new Reply(lastSent);
    }

    private LicenseBinaryBlob encrypted(byte[] clear) {
        return new LicenseBinaryBlob(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB, Bytes.of(keys.rc4(clear)));
    }

    private void expect(State expected, LicenseMessage message) {
        if (state != expected) {
            throw outOfSequence(name(message));
        }
    }

    private RdpException outOfSequence(String message) {
        return new RdpException(RdpException.Kind.STATE, "licensing message " + message + " out of sequence in state "
                + state + " (MS-RDPELE 3.3.5.8)");
    }

    private static String name(LicenseMessage message) {
        return message.getClass().getSimpleName();
    }

    private static byte[] encode(java.util.function.Consumer<ByteBuf> encoder, int size) {
        ByteBuf buf = Unpooled.buffer(size);
        try {
            encoder.accept(buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    @Override
    public String toString() {
        return "LicenseClient[" + state + "]";
    }
}
