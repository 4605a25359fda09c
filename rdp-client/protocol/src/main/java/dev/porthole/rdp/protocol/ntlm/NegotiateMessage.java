package dev.porthole.rdp.protocol.ntlm;

import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED;
import static dev.porthole.rdp.protocol.ntlm.NegotiateFlags.NTLMSSP_NEGOTIATE_VERSION;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-NLMP 2.2.1.1 NEGOTIATE_MESSAGE, client to server. The encoder always writes the 40-byte
 * header (Version all zero unless NTLMSSP_NEGOTIATE_VERSION is set); the decoder also accepts
 * the older 32-byte header.
 *
 * @param negotiateFlags  {@link NegotiateFlags}
 * @param domainName      OEM DomainName, present exactly when NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED is set
 * @param workstationName OEM WorkstationName, present exactly when NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED is set
 * @param version         VERSION, present exactly when NTLMSSP_NEGOTIATE_VERSION is set
 */
public record NegotiateMessage(int negotiateFlags, String domainName, String workstationName, NtlmVersion version) {

    static final String PDU = "NEGOTIATE_MESSAGE";
    static final int FIXED_SIZE = 32;
    static final int HEADER_SIZE = 40;

    public NegotiateMessage {
        requirePresence(NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED), domainName, "DomainName");
        requirePresence(NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED), workstationName, "WorkstationName");
        requirePresence(NegotiateFlags.has(negotiateFlags, NTLMSSP_NEGOTIATE_VERSION), version, "Version");
        requireOem(domainName, "DomainName");
        requireOem(workstationName, "WorkstationName");
    }

    private static void requirePresence(boolean flag, Object value, String field) {
        if (flag != (value != null)) {
            throw RdpException.argument(PDU, field, flag ? "is required by its NegotiateFlags bit" : "is present but its NegotiateFlags bit is clear");
        }
    }

    private static void requireOem(String text, String field) {
        if (text != null) {
            if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
                throw RdpException.argument(PDU, field, "is not OEM (8-bit) text");
            }
            Payload.checkLength(text.getBytes(StandardCharsets.ISO_8859_1), PDU, field);
        }
    }

    public int size() {
        return HEADER_SIZE + oemLength(domainName) + oemLength(workstationName);
    }

    private static int oemLength(String s) {
        return s == null ? 0 : s.length();
    }

    public void encode(ByteBuf out) {
        Payload.writeHeader(out, Payload.NEGOTIATE);
        out.writeIntLE(negotiateFlags);
        byte[] domain = domainName == null ? Payload.EMPTY : domainName.getBytes(StandardCharsets.ISO_8859_1);
        byte[] workstation = workstationName == null ? Payload.EMPTY : workstationName.getBytes(StandardCharsets.ISO_8859_1);
        Payload.Writer fields = new Payload.Writer(HEADER_SIZE);
        fields.field(out, domain.length);
        fields.field(out, workstation.length);
        (version == null ? NtlmVersion.ZERO : version).encode(out);
        out.writeBytes(domain);
        out.writeBytes(workstation);
    }

    /** Decodes the whole readable content of {@code in} as one message (NTLM messages are not self-delimiting). */
    public static NegotiateMessage decode(ByteBuf in) {
        ByteBuf msg = in.readSlice(in.readableBytes());
        Payload.header(msg, FIXED_SIZE, Payload.NEGOTIATE, PDU);
        int flags = msg.getIntLE(12);
        int headerSize = FIXED_SIZE;
        NtlmVersion version = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_VERSION)) {
            headerSize = HEADER_SIZE;
            if (msg.writerIndex() < HEADER_SIZE) {
                throw RdpException.malformed(PDU, "Version", "NTLMSSP_NEGOTIATE_VERSION is set but the message ends at " + msg.writerIndex());
            }
            version = NtlmVersion.decode(msg.slice(32, NtlmVersion.SIZE));
        }
        String domain = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED)) {
            domain = new String(Payload.read(msg, 16, headerSize, PDU, "DomainName"), StandardCharsets.ISO_8859_1);
        }
        String workstation = null;
        if (NegotiateFlags.has(flags, NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED)) {
            workstation = new String(Payload.read(msg, 24, headerSize, PDU, "WorkstationName"), StandardCharsets.ISO_8859_1);
        }
        return new NegotiateMessage(flags, domain, workstation, version);
    }
}
