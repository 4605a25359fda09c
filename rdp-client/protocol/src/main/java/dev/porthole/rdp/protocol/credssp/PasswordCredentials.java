package dev.porthole.rdp.protocol.credssp;

import java.util.Arrays;
import java.util.Objects;

import dev.porthole.rdp.protocol.RdpException;

/**
 * The user's password credentials for Network Level Authentication: what NTLM (MS-NLMP 3.1.1.1
 * User, UserDom, Passwd) and the delegated TSPasswordCreds (MS-CSSP 2.2.1.2.1) are made from.
 * The password is held as a {@code char[]} copy that {@link #wipe()} clears; it never appears in
 * {@link #toString()}.
 */
public final class PasswordCredentials {

    static final String PDU = "credentials";

    private final String user;
    private final String domain;
    private final char[] password;

    /**
     * @param user     the account name
     * @param domain   the account's domain, {@code ""} for an account local to the server
     * @param password copied; the caller may wipe its array afterwards
     */
    public PasswordCredentials(String user, String domain, char[] password) {
        this.user = Objects.requireNonNull(user, "user");
        this.domain = Objects.requireNonNull(domain, "domain");
        if (user.isEmpty()) {
            throw RdpException.argument(PDU, "user", "is empty");
        }
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    /** Splits {@code DOMAIN\\user}; a name without a backslash is a local account. */
    public static PasswordCredentials parse(String account, char[] password) {
        int slash = account.indexOf('\\');
        return slash < 0 ? new PasswordCredentials(account, "", password)
                : new PasswordCredentials(account.substring(slash + 1), account.substring(0, slash), password);
    }

    public String user() {
        return user;
    }

    public String domain() {
        return domain;
    }

    /** A copy of the password; the caller wipes it. */
    public char[] password() {
        return password.clone();
    }

    /** A copy with its own password array. */
    public PasswordCredentials copy() {
        return new PasswordCredentials(user, domain, password);
    }

    /** Overwrites the password. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "PasswordCredentials[" + (domain.isEmpty() ? "" : domain + "\\") + user + ", password=(redacted)]";
    }
}
