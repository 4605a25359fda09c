package dev.porthole.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.porthole.plugin.sandbox.host.DvcSession;
import org.junit.jupiter.api.Test;

/** The plugin host's listeners move to each new session; nothing is routed between sessions. */
class SessionDvcTest {

    /** A session recording listen/unlisten; refuses names in {@code taken}. */
    static final class Recording implements DvcSession {
        final Map<String, DvcListener> listening = new LinkedHashMap<>();
        final List<String> taken = new ArrayList<>();

        @Override
        public boolean listen(String channelName, DvcListener listener) {
            if (taken.contains(channelName)) {
                return false;
            }
            listening.put(channelName, listener);
            return true;
        }

        @Override
        public void unlisten(String channelName) {
            listening.remove(channelName);
        }
    }

    @Test
    void listenersAreRememberedBetweenSessionsAndGivenToEachNewOne() {
        SessionDvc dvc = new SessionDvc();
        DvcSession.DvcListener echo = r -> { };
        DvcSession.DvcListener other = r -> { };
        assertThat(dvc.listen("ExampleEcho", echo)).as("no session yet: remembered").isTrue();
        assertThat(dvc.listen("exampleecho", other)).as("names are case-insensitive").isFalse();

        Recording first = new Recording();
        dvc.attach(first);
        assertThat(first.listening).containsExactly(Map.entry("ExampleEcho", echo));
        assertThat(dvc.listen("Second", other)).isTrue();
        assertThat(first.listening).containsKeys("ExampleEcho", "Second");

        dvc.detach();
        assertThat(dvc.attached()).isFalse();
        dvc.unlisten("Second");
        Recording next = new Recording();
        dvc.attach(next);
        assertThat(next.listening).containsExactly(Map.entry("ExampleEcho", echo));
        assertThat(first.listening).as("the old session is left alone").containsKeys("ExampleEcho", "Second");
    }

    @Test
    void aNameTheSessionRefusesIsNotRemembered() {
        SessionDvc dvc = new SessionDvc();
        Recording s = new Recording();
        s.taken.add("BuiltIn");
        dvc.attach(s);
        assertThat(dvc.listen("BuiltIn", r -> { })).isFalse();
        Recording next = new Recording();
        dvc.attach(next);
        assertThat(next.listening).isEmpty();
    }
}
