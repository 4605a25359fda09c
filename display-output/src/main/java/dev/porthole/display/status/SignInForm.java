package dev.porthole.display.status;

import java.util.Arrays;
import java.util.function.Consumer;

import dev.porthole.hw.input.InputEvent;
import dev.porthole.hw.input.KeyChars;

/**
 * The sign-in screen's state: a user name and a password field fed by key events (US layout for
 * local entry), Tab or the arrow keys to switch fields, Backspace to erase, Enter to submit. The
 * password is kept in a char array, shown masked, cleared after submit, and never appears in
 * {@link #toString()}.
 */
public final class SignInForm {

    /** The maximum length of each field. */
    public static final int MAX_LENGTH = 128;

    /** Entered credentials, handed to the submit callback; {@link #clear()} wipes the password. */
    public record Credentials(String username, char[] password) {
        /** Overwrites the password. */
        public void clear() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(" + password.length + " chars)]";
        }
    }

    /** The field with the focus. */
    public enum Field { USERNAME, PASSWORD }

    private final Consumer<Credentials> onSubmit;
    private final StringBuilder username = new StringBuilder();
    private char[] password = new char[MAX_LENGTH];
    private int passwordLength;
    private Field focus = Field.USERNAME;
    private int shiftDown;
    private String message = "";

    /** A form that hands credentials to {@code onSubmit} on Enter. */
    public SignInForm(String initialUser, Consumer<Credentials> onSubmit) {
        this.onSubmit = onSubmit;
        if (initialUser != null) {
            username.append(initialUser, 0, Math.min(initialUser.length(), MAX_LENGTH));
            focus = initialUser.isEmpty() ? Field.USERNAME : Field.PASSWORD;
        }
    }

    /** Feeds a key event; returns true when the form changed (redraw). */
    public synchronized boolean onKey(InputEvent.Key key) {
        int code = key.keycode();
        if (code == 42 || code == 54) {
            shiftDown = Math.max(0, shiftDown + (key.pressed() ? 1 : -1));
            return false;
        }
        if (!key.pressed()) {
            return false;
        }
        switch (code) {
            case 15, 103, 108 -> { // Tab, Up, Down
                focus = focus == Field.USERNAME ? Field.PASSWORD : Field.USERNAME;
                return true;
            }
            case 14 -> { // Backspace
                if (focus == Field.USERNAME && username.length() > 0) {
                    username.setLength(username.length() - 1);
                } else if (focus == Field.PASSWORD && passwordLength > 0) {
                    password[--passwordLength] = '\0';
                }
                return true;
            }
            case 28, 96 -> { // Enter, keypad Enter
                if (focus == Field.USERNAME) {
                    focus = Field.PASSWORD;
                    return true;
                }
                if (username.isEmpty()) {
                    message = "Enter your user name";
                    focus = Field.USERNAME;
                    return true;
                }
                Credentials c = new Credentials(username.toString(), Arrays.copyOf(password, passwordLength));
                Arrays.fill(password, '\0');
                passwordLength = 0;
                message = "Signing in…";
                onSubmit.accept(c);
                return true;
            }
            default -> {
                char ch = KeyChars.of(code, shiftDown > 0);
                if (ch == 0) {
                    return false;
                }
                if (focus == Field.USERNAME && username.length() < MAX_LENGTH) {
                    username.append(ch);
                } else if (focus == Field.PASSWORD && passwordLength < MAX_LENGTH) {
                    password[passwordLength++] = ch;
                }
                return true;
            }
        }
    }

    /** The user name typed so far. */
    public synchronized String username() {
        return username.toString();
    }

    /** How many password characters were typed (the screen shows this many bullets). */
    public synchronized int passwordLength() {
        return passwordLength;
    }

    /** The focused field. */
    public synchronized Field focus() {
        return focus;
    }

    /** A line shown under the fields (errors, progress). */
    public synchronized String message() {
        return message;
    }

    /** Sets the message line (for example the reason a previous attempt failed). */
    public synchronized void setMessage(String text) {
        message = text == null ? "" : text;
    }

    @Override
    public synchronized String toString() {
        return "SignInForm[username=" + username + ", password=(" + passwordLength + " chars), focus=" + focus + "]";
    }
}
