package dev.porthole.rdp.protocol.ntlm;

import java.util.ArrayList;
import java.util.List;

/** The NEGOTIATE flags of MS-NLMP 2.2.2.5, carried in every NTLM message's NegotiateFlags field. */
public final class NegotiateFlags {

    /** A: Unicode character set. */
    public static final int NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
    /** B: OEM character set. */
    public static final int NTLM_NEGOTIATE_OEM = 0x00000002;
    /** C: the CHALLENGE_MESSAGE must carry a TargetName. */
    public static final int NTLMSSP_REQUEST_TARGET = 0x00000004;
    /** D: session key negotiation for message signatures. */
    public static final int NTLMSSP_NEGOTIATE_SIGN = 0x00000010;
    /** E: session key negotiation for message confidentiality. */
    public static final int NTLMSSP_NEGOTIATE_SEAL = 0x00000020;
    /** F: connectionless authentication. */
    public static final int NTLMSSP_NEGOTIATE_DATAGRAM = 0x00000040;
    /** G: LAN Manager session key computation. */
    public static final int NTLMSSP_NEGOTIATE_LM_KEY = 0x00000080;
    /** H: NTLM v1 session security. */
    public static final int NTLMSSP_NEGOTIATE_NTLM = 0x00000200;
    /** J: anonymous connection. */
    public static final int NTLMSSP_ANONYMOUS = 0x00000800;
    /** K: the NEGOTIATE_MESSAGE carries a DomainName. */
    public static final int NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;
    /** L: the NEGOTIATE_MESSAGE carries a WorkstationName. */
    public static final int NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;
    /** M: a session key is generated whether or not SIGN/SEAL are negotiated. */
    public static final int NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    /** N: TargetName is a domain name. */
    public static final int NTLMSSP_TARGET_TYPE_DOMAIN = 0x00010000;
    /** O: TargetName is a server name. */
    public static final int NTLMSSP_TARGET_TYPE_SERVER = 0x00020000;
    /** P: extended session security (NTLM2 session keys, HMAC_MD5 signatures). */
    public static final int NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    /** Q: identify-level token. */
    public static final int NTLMSSP_NEGOTIATE_IDENTIFY = 0x00100000;
    /** R: use of the LMOWF for the session key. */
    public static final int NTLMSSP_REQUEST_NON_NT_SESSION_KEY = 0x00400000;
    /** S: the CHALLENGE_MESSAGE's TargetInfo fields are populated. */
    public static final int NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;
    /** T: the Version field is populated. */
    public static final int NTLMSSP_NEGOTIATE_VERSION = 0x02000000;
    /** U: 128-bit session key. */
    public static final int NTLMSSP_NEGOTIATE_128 = 0x20000000;
    /** V: explicit key exchange (EncryptedRandomSessionKey). */
    public static final int NTLMSSP_NEGOTIATE_KEY_EXCH = 0x40000000;
    /** W: 56-bit encryption. */
    public static final int NTLMSSP_NEGOTIATE_56 = 0x80000000;

    private static final int[] BITS = {
        NTLMSSP_NEGOTIATE_UNICODE, NTLM_NEGOTIATE_OEM, NTLMSSP_REQUEST_TARGET, NTLMSSP_NEGOTIATE_SIGN,
        NTLMSSP_NEGOTIATE_SEAL, NTLMSSP_NEGOTIATE_DATAGRAM, NTLMSSP_NEGOTIATE_LM_KEY, NTLMSSP_NEGOTIATE_NTLM,
        NTLMSSP_ANONYMOUS, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED, NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
        NTLMSSP_NEGOTIATE_ALWAYS_SIGN, NTLMSSP_TARGET_TYPE_DOMAIN, NTLMSSP_TARGET_TYPE_SERVER,
        NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY, NTLMSSP_NEGOTIATE_IDENTIFY, NTLMSSP_REQUEST_NON_NT_SESSION_KEY,
        NTLMSSP_NEGOTIATE_TARGET_INFO, NTLMSSP_NEGOTIATE_VERSION, NTLMSSP_NEGOTIATE_128, NTLMSSP_NEGOTIATE_KEY_EXCH,
        NTLMSSP_NEGOTIATE_56,
    };
    private static final String[] NAMES = {
        "UNICODE", "OEM", "REQUEST_TARGET", "SIGN", "SEAL", "DATAGRAM", "LM_KEY", "NTLM", "ANONYMOUS",
        "OEM_DOMAIN_SUPPLIED", "OEM_WORKSTATION_SUPPLIED", "ALWAYS_SIGN", "TARGET_TYPE_DOMAIN",
        "TARGET_TYPE_SERVER", "EXTENDED_SESSIONSECURITY", "IDENTIFY", "REQUEST_NON_NT_SESSION_KEY",
        "TARGET_INFO", "VERSION", "128", "KEY_EXCH", "56",
    };

    private NegotiateFlags() {}

    /** True when every bit of {@code required} is set in {@code flags}. */
    public static boolean has(int flags, int required) {
        return (flags & required) == required;
    }

    /** Names of the set flags, for messages and logs (unknown bits in hex). */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        int rest = flags;
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                names.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0) {
            names.add(String.format("0x%08x", rest));
        }
        return names.isEmpty() ? "none" : String.join("|", names);
    }
}
