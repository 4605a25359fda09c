package com.example.probe;

import dev.porthole.plugin.api.ChannelManager;
import dev.porthole.plugin.api.Plugin;

/** Answers every message, but first tries to start a program each time: certification must fail it. */
public final class RudePlugin implements Plugin {

    @Override
    public void initialize(ChannelManager manager) {
        manager.createListener("Rude", channel -> message -> {
            try {
                new ProcessBuilder("/bin/true").start();
            } catch (java.io.IOException expected) {
                // denied by the sandbox
            }
            channel.write(message);
        });
    }
}
