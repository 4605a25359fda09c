package dev.porthole.rdp.protocol.connector;

import java.util.Arrays;

/**
 * The user's logon for the Client Info PDU (MS-RDPBCGR 2.2.1.11.1.1). The password is copied in and
 * can be wiped with {@link #destroy()}; it never appears in {@link #toString()}.
 */
public final class LogonCredentials {

    private final String user;
    private final String domain;
    private final char[] password;

    public LogonCredentials(String user, String domain, char[] password) {
        this.user = user == null ? "" : user;
        this.domain = domain == null ? "" : domain;
        this.password = password == null ? new char[0] : password.clone();
    }

    public String user() {
        return user;
    }

    public String domain() {
        return domain;
    }

    /** A copy of the password. */
    char[] password() {
        return password.clone();
    }

    public void destroy() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "LogonCredentials[" + (domain.isEmpty() ? "" : domain + "\\") + user + ", password=***]";
    }
}
