package dev.porthole.agent.input;

import java.util.function.Consumer;

import dev.porthole.hw.input.InputEvent;

/**
 * The input pipeline's consumer: every event counts as activity; reserved hotkeys' actions go to the
 * device; while a session is active everything else goes to it through the {@link InputForwarder},
 * otherwise keys go to the device's own screens (the sign-in form).
 */
public final class InputRouter implements Consumer<InputEvent> {

    /** The device side of input (the boot machine). */
    public interface Local {
        boolean inSession();

        void userActivity();

        void localKey(InputEvent.Key key);

        void localAction(String action);
    }

    private final Local local;
    private final InputForwarder forwarder;

    /** Routes between {@code local} and {@code forwarder}. */
    public InputRouter(Local local, InputForwarder forwarder) {
        this.local = local;
        this.forwarder = forwarder;
    }

    @Override
    public void accept(InputEvent event) {
        local.userActivity();
        if (event instanceof InputEvent.LocalAction a) {
            local.localAction(a.action());
            return;
        }
        if (local.inSession()) {
            forwarder.accept(event);
        } else if (event instanceof InputEvent.Key k) {
            forwarder.accept(k); // lock keys still toggle; nothing is sent without a session
            local.localKey(k);
        }
    }
}
