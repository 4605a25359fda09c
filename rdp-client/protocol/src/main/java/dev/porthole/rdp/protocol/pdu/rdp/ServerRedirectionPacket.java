package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.13.1 Server Redirection Packet (RDP_SERVER_REDIRECTION_PACKET): where and how the client
 * reconnects after a Server Redirection PDU (2.2.13.3.1). Each optional field is present exactly when its
 * LB_* flag is set in {@code redirFlags} ({@code null} otherwise); text fields are the UTF-16 strings without
 * their terminator, opaque fields stay bytes. The 8-byte Pad after the fields is ignored when decoding and
 * not written when encoding. {@link #toString()} never shows the password.
 *
 * @param sessionId          the session to reconnect to (goes into the Client Cluster Data, 2.2.1.3.5)
 * @param targetNetAddresses the addresses of TARGET_NET_ADDRESSES (2.2.13.1.1), or {@code null}
 */
public record ServerRedirectionPacket(int sessionId, int redirFlags, String targetNetAddress, Bytes loadBalanceInfo,
                                      String userName, String domain, Bytes password, String targetFqdn,
                                      String targetNetBiosName, Bytes tsvUrl, Bytes redirectionGuid,
                                      Bytes targetCertificate, List<String> targetNetAddresses) {

    static final String PDU = "RDP_SERVER_REDIRECTION_PACKET";
    public static final int SEC_REDIRECTION_PKT = 0x0400;
    public static final int LB_TARGET_NET_ADDRESS = 0x00000001;
    public static final int LB_LOAD_BALANCE_INFO = 0x00000002;
    public static final int LB_USERNAME = 0x00000004;
    public static final int LB_DOMAIN = 0x00000008;
    public static final int LB_PASSWORD = 0x00000010;
    public static final int LB_DONTSTOREUSERNAME = 0x00000020;
    public static final int LB_SMARTCARD_LOGON = 0x00000040;
    public static final int LB_NOREDIRECT = 0x00000080;
    public static final int LB_TARGET_FQDN = 0x00000100;
    public static final int LB_TARGET_NETBIOS_NAME = 0x00000200;
    public static final int LB_TARGET_NET_ADDRESSES = 0x00000800;
    public static final int LB_CLIENT_TSV_URL = 0x00001000;
    public static final int LB_SERVER_TSV_CAPABLE = 0x00002000;
    public static final int LB_PASSWORD_IS_PK_ENCRYPTED = 0x00004000;
    public static final int LB_REDIRECTION_GUID = 0x00008000;
    public static final int LB_TARGET_CERTIFICATE = 0x00010000;
    /** Flags, Length, SessionID, RedirFlags. */
    public static final int FIXED_SIZE = 12;
    /** At most this many entries are accepted in TARGET_NET_ADDRESSES. */
    public static final int MAX_ADDRESSES = 64;

    public ServerRedirectionPacket {
        present(redirFlags, LB_TARGET_NET_ADDRESS, targetNetAddress, "TargetNetAddress");
        present(redirFlags, LB_LOAD_BALANCE_INFO, loadBalanceInfo, "LoadBalanceInfo");
        present(redirFlags, LB_USERNAME, userName, "UserName");
        present(redirFlags, LB_DOMAIN, domain, "Domain");
        present(redirFlags, LB_PASSWORD, password, "Password");
        present(redirFlags, LB_TARGET_FQDN, targetFqdn, "TargetFQDN");
        present(redirFlags, LB_TARGET_NETBIOS_NAME, targetNetBiosName, "TargetNetBiosName");
        present(redirFlags, LB_CLIENT_TSV_URL, tsvUrl, "TsvUrl");
        present(redirFlags, LB_REDIRECTION_GUID, redirectionGuid, "RedirectionGuid");
        present(redirFlags, LB_TARGET_CERTIFICATE, targetCertificate, "TargetCertificate");
        present(redirFlags, LB_TARGET_NET_ADDRESSES, targetNetAddresses, "TargetNetAddresses");
        if (targetNetAddresses != null) {
            targetNetAddresses = List.copyOf(targetNetAddresses);
            if (targetNetAddresses.size() > MAX_ADDRESSES) {
                throw RdpException.argument(PDU, "TargetNetAddresses", targetNetAddresses.size()
                        + " addresses, at most " + MAX_ADDRESSES);
            }
        }
        for (String s : new String[] {targetNetAddress, userName, domain, targetFqdn, targetNetBiosName}) {
            if (s != null && s.indexOf('\0') >= 0) {
                throw RdpException.argument(PDU, "text field", "contains NUL");
            }
        }
        int n = sizeOf(targetNetAddress, loadBalanceInfo, userName, domain, password, targetFqdn, targetNetBiosName, tsvUrl,
                redirectionGuid, targetCertificate, targetNetAddresses);
        if (n > 0xFFFF) {
            throw RdpException.argument(PDU, "Length", n + " does not fit 16 bits");
        }
    }

    private static void present(int flags, int flag, Object value, String field) {
        if (((flags & flag) != 0) != (value != null)) {
            throw RdpException.argument(PDU, field, (value == null ? "is missing although" : "is present although not")
                    + " flagged in RedirFlags 0x" + Integer.toHexString(flags));
        }
    }

    public boolean has(int flag) {
        return (redirFlags & flag) != 0;
    }

    /**
     * The routing token for the X.224 Connection Request (3.2.5.3.1): the LoadBalanceInfo as one line
     * (bytes as Latin-1, without a trailing CR LF), or {@code null} when there is none.
     */
    public String routingToken() {
        if (loadBalanceInfo == null || loadBalanceInfo.isEmpty()) {
            return null;
        }
        String s = new String(loadBalanceInfo.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        while (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        }
        return s;
    }

    /**
     * The password as text when the server sent a cleartext one (2.2.13.1: UTF-16 with a terminator, and
     * LB_PASSWORD_IS_PK_ENCRYPTED clear, no control characters), otherwise {@code null} (absent, or an opaque
     * blob for RDSTLS or a broker's password cookie, such as the one in the 4.6 example). The caller wipes the returned array.
     */
    public char[] cleartextPassword() {
        if (password == null || has(LB_PASSWORD_IS_PK_ENCRYPTED)) {
            return null;
        }
        byte[] b = password.toByteArray();
        try {
            if (b.length < 2 || (b.length & 1) != 0 || b[b.length - 1] != 0 || b[b.length - 2] != 0) {
                return null;
            }
            char[] out = new char[b.length / 2 - 1];
            for (int i = 0; i < out.length; i++) {
                char c = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
                if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFF) {
                    java.util.Arrays.fill(out, '\0');
                    return null; // not text: an opaque blob
                }
                out[i] = c;
            }
            return out;
        } finally {
            java.util.Arrays.fill(b, (byte) 0);
        }
    }

    /** The address to connect to: TargetNetAddress, else the first of TargetNetAddresses, else TargetFQDN, else null. */
    public String targetAddress() {
        if (targetNetAddress != null && !targetNetAddress.isEmpty()) {
            return targetNetAddress;
        }
        if (targetNetAddresses != null && !targetNetAddresses.isEmpty()) {
            return targetNetAddresses.getFirst();
        }
        if (targetFqdn != null && !targetFqdn.isEmpty()) {
            return targetFqdn;
        }
        return null;
    }

    public static ServerRedirectionPacket decode(ByteBuf in) {
        Wire.need(in, FIXED_SIZE, PDU, "Flags/Length/SessionID/RedirFlags");
        int flags = in.readUnsignedShortLE();
        if (flags != SEC_REDIRECTION_PKT) {
            throw RdpException.malformed(PDU, "Flags", "is 0x" + Integer.toHexString(flags) + ", expected SEC_REDIRECTION_PKT (0x0400)");
        }
        int length = in.readUnsignedShortLE();
        if (length < FIXED_SIZE) {
            throw RdpException.malformed(PDU, "Length", length + " is shorter than the fixed fields (12)");
        }
        Wire.need(in, length - 4, PDU, "Length");
        ByteBuf p = in.readSlice(length - 4);
        int sessionId = p.readIntLE();
        int redir = p.readIntLE();
        String address = (redir & LB_TARGET_NET_ADDRESS) != 0 ? text(p, "TargetNetAddress") : null;
        Bytes lb = (redir & LB_LOAD_BALANCE_INFO) != 0 ? blob(p, "LoadBalanceInfo") : null;
        String user = (redir & LB_USERNAME) != 0 ? text(p, "UserName") : null;
        String domain = (redir & LB_DOMAIN) != 0 ? text(p, "Domain") : null;
        Bytes password = (redir & LB_PASSWORD) != 0 ? blob(p, "Password") : null;
        String fqdn = (redir & LB_TARGET_FQDN) != 0 ? text(p, "TargetFQDN") : null;
        String netbios = (redir & LB_TARGET_NETBIOS_NAME) != 0 ? text(p, "TargetNetBiosName") : null;
        Bytes tsv = (redir & LB_CLIENT_TSV_URL) != 0 ? blob(p, "TsvUrl") : null;
        Bytes guid = (redir & LB_REDIRECTION_GUID) != 0 ? blob(p, "RedirectionGuid") : null;
        Bytes cert = (redir & LB_TARGET_CERTIFICATE) != 0 ? blob(p, "TargetCertificate") : null;
        List<String> addresses = (redir & LB_TARGET_NET_ADDRESSES) != 0 ? addresses(p) : null;
        // whatever is left of Length is the optional Pad
        return Wire.decoded(() -> new ServerRedirectionPacket(sessionId, redir, address, lb, user, domain, password,
                fqdn, netbios, tsv, guid, cert, addresses));
    }

    private static int length(ByteBuf p, String field) {
        Wire.need(p, 4, PDU, field + "Length");
        long n = p.readUnsignedIntLE();
        if (n > p.readableBytes()) {
            throw RdpException.malformed(PDU, field + "Length", n + " exceeds the " + p.readableBytes() + " bytes left");
        }
        return (int) n;
    }

    private static Bytes blob(ByteBuf p, String field) {
        return Bytes.read(p, length(p, field), PDU, field);
    }

    private static String text(ByteBuf p, String field) {
        return Utf16.read(p, length(p, field), PDU, field);
    }

    private static List<String> addresses(ByteBuf p) {
        ByteBuf a = p.readSlice(length(p, "TargetNetAddresses"));
        Wire.need(a, 4, PDU, "TargetNetAddresses.addressCount");
        long count = a.readUnsignedIntLE();
        if (count > MAX_ADDRESSES || count * 4 > a.readableBytes()) {
            throw RdpException.malformed(PDU, "TargetNetAddresses.addressCount", count + " addresses in "
                    + a.readableBytes() + " bytes (at most " + MAX_ADDRESSES + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(text(a, "TargetNetAddresses.address[" + i + "]."));
        }
        return out;
    }

    public void encode(ByteBuf out) {
        out.writeShortLE(SEC_REDIRECTION_PKT);
        out.writeShortLE(size());
        out.writeIntLE(sessionId);
        out.writeIntLE(redirFlags);
        writeText(out, targetNetAddress);
        writeBlob(out, loadBalanceInfo);
        writeText(out, userName);
        writeText(out, domain);
        writeBlob(out, password);
        writeText(out, targetFqdn);
        writeText(out, targetNetBiosName);
        writeBlob(out, tsvUrl);
        writeBlob(out, redirectionGuid);
        writeBlob(out, targetCertificate);
        if (targetNetAddresses != null) {
            out.writeIntLE(addressesSize() - 4);
            out.writeIntLE(targetNetAddresses.size());
            for (String s : targetNetAddresses) {
                writeText(out, s);
            }
        }
    }

    private static void writeText(ByteBuf out, String s) {
        if (s != null) {
            out.writeIntLE(Utf16.size(s) + 2);
            Utf16.writeTerminated(out, s);
        }
    }

    private static void writeBlob(ByteBuf out, Bytes b) {
        if (b != null) {
            out.writeIntLE(b.length());
            b.writeTo(out);
        }
    }

    private static int textSize(String s) {
        return s == null ? 0 : 4 + Utf16.size(s) + 2;
    }

    private static int blobSize(Bytes b) {
        return b == null ? 0 : 4 + b.length();
    }

    private int addressesSize() {
        return addressesSize(targetNetAddresses);
    }

    private static int addressesSize(List<String> addresses) {
        if (addresses == null) {
            return 0;
        }
        long n = 4 + 4;
        for (String s : addresses) {
            n += textSize(s);
        }
        return (int) Math.min(n, Integer.MAX_VALUE / 2);
    }

    private static int sizeOf(String address, Bytes lb, String user, String domain, Bytes password, String fqdn,
                              String netbios, Bytes tsv, Bytes guid, Bytes cert, List<String> addresses) {
        long n = (long) FIXED_SIZE + textSize(address) + blobSize(lb) + textSize(user) + textSize(domain)
                + blobSize(password) + textSize(fqdn) + textSize(netbios) + blobSize(tsv) + blobSize(guid) + blobSize(cert)
                + addressesSize(addresses);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** The encoded size (the Length field): fixed fields and the present optional fields, no Pad. */
    public int size() {
        return sizeOf(targetNetAddress, loadBalanceInfo, userName, domain, password, targetFqdn, targetNetBiosName, tsvUrl,
                redirectionGuid, targetCertificate, targetNetAddresses);
    }

    @Override
    public String toString() {
        return "ServerRedirectionPacket[sessionId=" + Integer.toUnsignedString(sessionId) + ", redirFlags=0x"
                + Integer.toHexString(redirFlags) + ", targetNetAddress=" + targetNetAddress + ", loadBalanceInfo="
                + (loadBalanceInfo == null ? null : loadBalanceInfo.length() + " bytes") + ", userName=" + userName
                + ", domain=" + domain + ", password=" + (password == null ? null : "<redacted>") + ", targetFqdn="
                + targetFqdn + ", targetNetBiosName=" + targetNetBiosName + ", targetNetAddresses=" + targetNetAddresses + "]";
    }
}
