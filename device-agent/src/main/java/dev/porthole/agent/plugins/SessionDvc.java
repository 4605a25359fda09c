package dev.porthole.agent.plugins;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.porthole.plugin.sandbox.host.DvcSession;

/**
 * The plugin host's one {@link DvcSession} across reconnects: the host listens once, and each
 * (re)connected RDP session gets those listeners on its own {@link RdpDvcSession}. Between sessions
 * listening is remembered and nothing is routed.
 */
public final class SessionDvc implements DvcSession {

    private final Map<String, DvcListener> listeners = new LinkedHashMap<>();
    private DvcSession current;

    /** Routes the remembered listeners through {@code session} from now on (replacing any earlier session). */
    public void attach(DvcSession session) {
        Map<String, DvcListener> copy;
        synchronized (this) {
            current = session;
            copy = Map.copyOf(listeners);
        }
        copy.forEach(session::listen);
    }

    /** No session: nothing is routed until the next {@link #attach}. */
    public synchronized void detach() {
        current = null;
    }

    /** Whether a session is attached. */
    public synchronized boolean attached() {
        return current != null;
    }

    @Override
    public boolean listen(String channelName, DvcListener listener) {
        DvcSession to;
        synchronized (this) {
            if (listeners.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(channelName))) {
                return false;
            }
            listeners.put(channelName, listener);
            to = current;
        }
        if (to != null && !to.listen(channelName, listener)) {
            synchronized (this) {
                listeners.remove(channelName);
            }
            return false;
        }
        return true;
    }

    @Override
    public void unlisten(String channelName) {
        DvcSession to;
        synchronized (this) {
            listeners.remove(channelName);
            to = current;
        }
        if (to != null) {
            to.unlisten(channelName);
        }
    }
}
