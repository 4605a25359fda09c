package dev.porthole.agent.boot;

import java.util.ArrayList;
import java.util.List;

/** {@link RemoteSessions} the test drives: every open is recorded, the test decides what happens. */
final class FakeSessions implements RemoteSessions {

    /** One recorded attempt. */
    static final class Attempt implements Session {
        final String host;
        final int port;
        final String username;
        final String password;
        final char[] passwordArray;
        final Listener listener;
        boolean closed;

        Attempt(Request r, Listener listener) {
            this.host = r.settings().host();
            this.port = r.settings().port();
            this.username = r.username();
            this.password = new String(r.password());
            this.passwordArray = r.password();
            this.listener = listener;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final List<Attempt> attempts = new ArrayList<>();

    @Override
    public Session open(Request request, Listener listener) {
        Attempt a = new Attempt(request, listener);
        attempts.add(a);
        return a;
    }

    Attempt last() {
        return attempts.getLast();
    }
}
