package dev.porthole.provisioning.topic;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * Identifiers that become MQTT topic levels, certificate common names and file names: tenant ids, device ids,
 * claim ids, command and telemetry names. Allowed: 1 to {@value #MAX_LENGTH} ASCII letters, digits, {@code .},
 * {@code _} and {@code -}, starting with a letter or digit. That excludes the topic separator {@code /}, the
 * wildcards {@code +} and {@code #}, NUL, white space and anything a file system or an ACL pattern would treat
 * specially ({@code ..}, leading dots).
 */
public final class Ids {

    /** The longest identifier. */
    public static final int MAX_LENGTH = 64;

    private Ids() {}

    /** Returns {@code value} when it is a valid identifier, or throws naming {@code what} and the offending character. */
    public static String require(String what, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new ProvisioningException(Kind.USAGE, what + " " + problem);
        }
        return value;
    }

    /** Whether {@code value} is a valid identifier. */
    public static boolean valid(String value) {
        return problem(value) == null;
    }

    /** What is wrong with {@code value}, or {@code null}. */
    public static String problem(String value) {
        if (value == null) {
            return "is missing";
        }
        if (value.isEmpty()) {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (i == 0 && !alnum) {
                return "'" + printable(value) + "' must start with a letter or digit";
            }
            if (!alnum && c != '.' && c != '_' && c != '-') {
                return "'" + printable(value) + "' contains " + describe(c) + " at index " + i
                        + "; allowed are ASCII letters, digits, '.', '_' and '-'";
            }
        }
        return null;
    }

    private static String describe(char c) {
        return switch (c) {
            case '/' -> "the topic separator '/'";
            case '+' -> "the wildcard '+'";
            case '#' -> "the wildcard '#'";
            case '\0' -> "NUL";
            default -> c < 0x20 || c == 0x7f ? String.format("control character U+%04X", (int) c)
                    : Character.isWhitespace(c) ? "white space" : "'" + c + "'";
        };
    }

    private static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(MAX_LENGTH + 8).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
