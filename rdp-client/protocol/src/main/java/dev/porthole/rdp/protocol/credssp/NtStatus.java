package dev.porthole.rdp.protocol.credssp;

import java.util.Map;

import dev.porthole.rdp.protocol.RdpException;

/**
 * The failure codes a CredSSP server reports in TSRequest.errorCode (MS-CSSP 2.2.1, version 3 and
 * later): NTSTATUS values (MS-ERREF 2.3.1) and the SSPI HRESULTs (MS-ERREF 2.1.1) some servers
 * send instead, each with the message a person at the device should read.
 */
public final class NtStatus {

    /**
     * One known code.
     *
     * @param code    the 32-bit value
     * @param name    its symbolic name
     * @param meaning what it means for the person logging on
     * @param kind    how a caller should treat it
     */
    public record Known(int code, String name, String meaning, RdpException.Kind kind) {}

    private static final RdpException.Kind AUTH = RdpException.Kind.AUTHENTICATION;

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            known(0xC000006D, "STATUS_LOGON_FAILURE", "the server rejected the user name or password", AUTH),
            known(0xC000006A, "STATUS_WRONG_PASSWORD", "the password is wrong", AUTH),
            known(0xC0000064, "STATUS_NO_SUCH_USER", "the server does not know this user name", AUTH),
            known(0xC0000071, "STATUS_PASSWORD_EXPIRED", "the password has expired and must be changed before logging on", AUTH),
            known(0xC0000224, "STATUS_PASSWORD_MUST_CHANGE", "the password must be changed before the first logon", AUTH),
            known(0xC0000072, "STATUS_ACCOUNT_DISABLED", "the account is disabled", AUTH),
            known(0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", "the account is locked out", AUTH),
            known(0xC0000193, "STATUS_ACCOUNT_EXPIRED", "the account has expired", AUTH),
            known(0xC000006E, "STATUS_ACCOUNT_RESTRICTION", "account restrictions prevent this logon (for example, a blank password)", AUTH),
            known(0xC000006F, "STATUS_INVALID_LOGON_HOURS", "the account may not log on at this time of day", AUTH),
            known(0xC0000070, "STATUS_INVALID_WORKSTATION", "the account may not log on from this device", AUTH),
            known(0xC000015B, "STATUS_LOGON_TYPE_NOT_GRANTED", "the user has not been granted the right to log on remotely", AUTH),
            known(0xC0000022, "STATUS_ACCESS_DENIED", "the server denied access", AUTH),
            known(0xC000005E, "STATUS_NO_LOGON_SERVERS", "no domain controller is available to check the credentials", AUTH),
            known(0xC0000133, "STATUS_TIME_DIFFERENCE_AT_DC", "the clocks of this device and the domain controller differ too much", AUTH),
            known(0xC000018C, "STATUS_TRUSTED_DOMAIN_FAILURE", "the server's trust relationship with the domain failed", AUTH),
            known(0xC0000413, "STATUS_AUTHENTICATION_FIREWALL_FAILED", "the account may not authenticate to this server (authentication firewall)", AUTH),
            known(0xC00000BB, "STATUS_NOT_SUPPORTED", "the server does not support the requested CredSSP version or authentication", RdpException.Kind.UNSUPPORTED),
            known(0xC0000388, "STATUS_DOWNGRADE_DETECTED", "the server detected a security downgrade", RdpException.Kind.NEGOTIATION),
            known(0x8009030C, "SEC_E_LOGON_DENIED", "the server rejected the user name or password", AUTH),
            known(0x80090308, "SEC_E_INVALID_TOKEN", "the server could not read this client's authentication token", RdpException.Kind.NEGOTIATION),
            known(0x8009030E, "SEC_E_NO_CREDENTIALS", "no credentials are available for the logon", AUTH),
            known(0x80090311, "SEC_E_NO_AUTHENTICATING_AUTHORITY", "no authority could be contacted to check the credentials", AUTH),
            known(0x80090322, "SEC_E_WRONG_PRINCIPAL", "the server is not the one the credentials are meant for", RdpException.Kind.TRUST),
            known(0x80090302, "SEC_E_UNSUPPORTED_FUNCTION", "the server does not support a requested security function", RdpException.Kind.UNSUPPORTED));

    private static Map.Entry<Integer, Known> known(int code, String name, String meaning, RdpException.Kind kind) {
        return Map.entry(code, new Known(code, name, meaning, kind));
    }

    private NtStatus() {}

    /** The known description of {@code code}, or {@code null}. */
    public static Known lookup(int code) {
        return KNOWN.get(code);
    }

    /** "STATUS_LOGON_FAILURE (0xC000006D)" or the bare hex value. */
    public static String name(int code) {
        Known k = KNOWN.get(code);
        return (k == null ? "NTSTATUS" : k.name()) + String.format(" (0x%08X)", code);
    }

    /** The exception for a server-reported failure: the human meaning first, then the code. */
    public static RdpException toException(int code) {
        Known k = KNOWN.get(code);
        if (k == null) {
            return new RdpException(AUTH, TsRequest.PDU + ".errorCode: the server failed authentication with "
                    + String.format("0x%08X", code));
        }
        return new RdpException(k.kind(), k.meaning() + " (" + TsRequest.PDU + ".errorCode " + name(code) + ")");
    }
}
