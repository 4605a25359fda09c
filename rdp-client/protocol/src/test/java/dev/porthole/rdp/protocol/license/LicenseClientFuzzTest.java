package dev.porthole.rdp.protocol.license;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.ntlm.EntropySource;
import dev.porthole.rdp.protocol.pdu.license.LicenseBinaryBlob;
import dev.porthole.rdp.protocol.pdu.license.LicensePdu;
import dev.porthole.rdp.protocol.pdu.license.ProductInfo;
import dev.porthole.rdp.protocol.pdu.license.ServerLicenseRequest;
import dev.porthole.rdp.protocol.pdu.license.ServerLicense;
import dev.porthole.rdp.protocol.pdu.license.ServerPlatformChallenge;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Fuzz targets for the licensing client's handling of hostile server messages (invariant 4): whatever the
 * server sends, only an {@link RdpException} may escape. The saved corpus under
 * {@code LicenseClientFuzzTestInputs/} replays in every build; {@code JAZZER_FUZZ=1} explores further.
 *
 * <p>Input layout of {@link #hostileServer}: a mode byte, then messages as a 16-bit little-endian length
 * and that many bytes, each decoded as a secured licensing PDU (security header, preamble, message):
 * <ul>
 *   <li>mode 0: the messages go to a fresh client;</li>
 *   <li>mode 1: the client first answers a valid Server License Request (the proprietary certificate of
 *       MS-RDPBCGR 4.1.4), then gets the messages;</li>
 *   <li>mode 2: as mode 1, then the first message's bytes are taken as clear text that the harness
 *       encrypts and MACs with the session's real keys and sends as a platform challenge, new license or
 *       upgrade license (chosen by the second mode byte), so the fuzzer reaches the code behind the MAC
 *       check; the remaining messages follow.</li>
 * </ul>
 */
class LicenseClientFuzzTest {

    /** Fixed randomness: the keys of modes 1 and 2 are then known to the harness. */
    static final byte[] CLIENT_RANDOM = filled(32, 0x11);
    static final byte[] PREMASTER = filled(48, 0x22);
    static final byte[] SERVER_RANDOM = filled(32, 0x33);
    static final int MAX_MESSAGES = 8;

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static LicenseClient client() {
        int[] draws = {0};
        EntropySource fixed = out -> System.arraycopy(draws[0]++ % 2 == 0 ? CLIENT_RANDOM : PREMASTER, 0, out, 0, out.length);
        return new LicenseClient("fuzz", "fuzz-machine", LicensingSettings.of(fixed, Bytes.zeros(16)), new byte[0]);
    }

    static LicensePdu validRequest() {
        byte[] certificate = HexVectors.encode(LicensingGoldenTest.certificateOf4_1_4()::encode);
        return new LicensePdu(3, new ServerLicenseRequest(Bytes.of(SERVER_RANDOM), new ProductInfo(0x60000, "Microsoft Corporation", "A02"),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Bytes.ofHex("01000000")),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_CERTIFICATE_BLOB, Bytes.of(certificate)), List.of()));
    }

    @FuzzTest(maxDuration = "60s")
    void hostileServer(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int mode = data[0] & 0x03;
        int kind = data[1] & 0x03;
        LicenseClient client = client();
        ByteBuf in = Unpooled.wrappedBuffer(data, 2, data.length - 2);
        try {
            if (mode >= 1) {
                client.onServerMessage(validRequest());
            }
            if (mode == 2 && in.readableBytes() >= 2) {
                int length = Math.min(in.readUnsignedShortLE(), in.readableBytes());
                byte[] clear = new byte[length];
                in.readBytes(clear);
                client.onServerMessage(sealed(clear, kind));
            }
            for (int i = 0; i < MAX_MESSAGES && in.readableBytes() >= 2; i++) {
                int length = Math.min(in.readUnsignedShortLE(), in.readableBytes());
                ByteBuf message = in.readSlice(length);
                client.onServerMessage(LicensePdu.decodeSecured(message));
            }
        } catch (RdpException expected) {
            // the only acceptable failure for hostile input
        } finally {
            in.release();
        }
    }

    /** {@code clear} encrypted and MACed with the keys of the mode 1 session, as the message {@code kind} selects. */
    static LicensePdu sealed(byte[] clear, int kind) {
        LicensingKeys keys = LicensingKeys.derive(PREMASTER, CLIENT_RANDOM, SERVER_RANDOM);
        LicenseBinaryBlob blob = new LicenseBinaryBlob(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB, Bytes.of(keys.rc4(clear)));
        Bytes mac = Bytes.of(keys.mac(clear));
        return new LicensePdu(3, switch (kind) {
            case 0 -> new ServerPlatformChallenge(0, blob, mac);
            case 1 -> ServerLicense.issued(blob, mac);
            default -> ServerLicense.upgraded(blob, mac);
        });
    }

    /** The certificate decoders and key extraction on their own. */
    @FuzzTest(maxDuration = "30s")
    void serverCertificate(byte[] data) {
        Decoding.fuzz(data, in -> {
            ServerCertificate certificate = ServerCertificate.decode(in);
            ServerPublicKey key = certificate.publicKey();
            if (certificate instanceof ProprietaryServerCertificate p) {
                p.signatureValid();
            }
            key.encrypt(PREMASTER);
        });
    }
}
