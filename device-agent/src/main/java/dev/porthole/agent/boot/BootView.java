package dev.porthole.agent.boot;

import dev.porthole.display.status.Status;

/** What is on the screen: a status screen, or the remote session. */
public interface BootView {

    /** Shows {@code status} full screen (the session's frames are held back while it shows). */
    void showStatus(Status status);

    /** Hands the screen to the session (its frames are presented again). */
    void showSession();

    /** Blanks or unblanks the panel (idle in kiosk mode, shutdown). */
    void blank(boolean blanked);
}
