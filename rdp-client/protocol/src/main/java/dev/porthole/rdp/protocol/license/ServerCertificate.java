package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4.3.1 Server Certificate (SERVER_CERTIFICATE), as the Server License Request carries
 * it (MS-RDPELE 2.2.1.4): dwVersion, whose low 31 bits select a {@link ProprietaryServerCertificate}
 * (CERT_CHAIN_VERSION_1) or an {@link X509CertificateChain} (CERT_CHAIN_VERSION_2) and whose top bit
 * marks a temporarily issued certificate, then the certificate data.
 */
public sealed interface ServerCertificate permits ProprietaryServerCertificate, X509CertificateChain {

    String PDU = "SERVER_CERTIFICATE";
    int CERT_CHAIN_VERSION_1 = 0x00000001;
    int CERT_CHAIN_VERSION_2 = 0x00000002;
    /** The t bit of dwVersion: the certificate was issued temporarily. */
    int TEMPORARY = 0x80000000;

    /** dwVersion as sent, the t bit included. */
    int version();

    /** Whether the t bit is set. */
    default boolean temporary() {
        return (version() & TEMPORARY) != 0;
    }

    /** The key the premaster secret is encrypted with (MS-RDPELE 5.1.1.1). */
    ServerPublicKey publicKey();

    void encode(ByteBuf out);

    int size();

    /** Decodes a whole SERVER_CERTIFICATE: {@code in} holds exactly its bytes. */
    static ServerCertificate decode(ByteBuf in) {
        Wire.need(in, 4, PDU, "dwVersion");
        int version = in.getIntLE(in.readerIndex());
        ServerCertificate certificate = switch (version & ~TEMPORARY) {
            case CERT_CHAIN_VERSION_1 -> ProprietaryServerCertificate.decode(in);
            case CERT_CHAIN_VERSION_2 -> X509CertificateChain.decode(in);
            default -> throw new RdpException(RdpException.Kind.UNSUPPORTED, PDU + ".dwVersion: certChainVersion "
                    + (version & ~TEMPORARY) + " is neither a proprietary certificate (1) nor an X.509 chain (2)");
        };
        if (in.isReadable()) {
            throw RdpException.malformed(PDU, "certData", in.readableBytes() + " bytes after the certificate");
        }
        return certificate;
    }
}
