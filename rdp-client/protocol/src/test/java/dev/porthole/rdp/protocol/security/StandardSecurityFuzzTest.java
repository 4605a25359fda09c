package dev.porthole.rdp.protocol.security;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityExchangePdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Fuzz targets for what Standard RDP Security reads from the server (invariant 4: only an {@link RdpException}
 * may escape, nothing may leak). The client of {@link #slowPath} and {@link #fastPath} holds the 128-bit keys of
 * {@link StandardSecurityTest}'s randoms; the saved seeds {@code sealed-first-pdu-128} and
 * {@code encrypted-first-pdu-128} are PDUs a server with those keys would send first (made with the independent
 * reference of {@link StandardSecurityTest}), so they pass the MAC check and reach the code behind it.
 */
class StandardSecurityFuzzTest {

    static StandardSecurity client() {
        int m = ClientSecurityData.ENCRYPTION_METHOD_128BIT;
        return new StandardSecurity(m, 3, SessionKeys.derive(StandardSecurityTest.CLIENT_RANDOM,
                StandardSecurityTest.SERVER_RANDOM, m), new byte[8]);
    }

    @FuzzTest(maxDuration = "60s")
    void securityExchangePdu(byte[] data) {
        Decoding.fuzzStable(data, SecurityExchangePdu::decode, SecurityExchangePdu::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void slowPath(byte[] data) {
        StandardSecurity s = client();
        Decoding.fuzz(data, in -> {
            s.unwrap(in);
            s.unwrap(in.resetReaderIndex());
        });
    }

    @FuzzTest(maxDuration = "60s")
    void fastPath(byte[] data) {
        StandardSecurity s = client();
        Decoding.fuzz(data, in -> {
            ByteBuf plain = s.unwrapFastPath(in, PooledByteBufAllocator.DEFAULT);
            plain.release();
        });
    }

    /** The bytes are the serverCertificate of a TS_UD_SC_SEC1 that is otherwise valid. */
    @FuzzTest(maxDuration = "60s")
    void serverCertificate(byte[] data) {
        try {
            StandardSecurity.negotiate(new ServerSecurityData(ClientSecurityData.ENCRYPTION_METHOD_128BIT,
                    ServerSecurityData.ENCRYPTION_LEVEL_HIGH, StandardSecurityTest.SERVER_RANDOM, data),
                    b -> java.util.Arrays.fill(b, (byte) 0x5A));
        } catch (RdpException expected) {
            // a refusal, not a crash
        }
    }
}
