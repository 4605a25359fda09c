package dev.porthole.agent.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import dev.porthole.agent.config.AgentConfig.Connection;
import dev.porthole.agent.config.AgentConfig.Trust;

/**
 * Writes an {@link AgentConfig} as the indented JSON {@link ConfigParser} reads back to an equal value. Every field
 * is written (defaults included), absent optional values are left out.
 */
public final class ConfigWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ConfigWriter() {}

    /** UTF-8 JSON of {@code config}, ending with a newline. */
    public static byte[] write(AgentConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("schema", config.schema());

            Connection c = config.connection();
            g.writeObjectFieldStart("connection");
            g.writeArrayFieldStart("hosts");
            for (HostAddress h : c.hosts()) {
                g.writeString(h.toString());
            }
            g.writeEndArray();
            g.writeNumberField("port", c.port());
            g.writeStringField("security", ConfigParser.enumId(c.security()));
            Trust t = c.trust();
            g.writeObjectFieldStart("trust");
            g.writeStringField("mode", ConfigParser.enumId(t.mode()));
            if (t.caFile() != null) {
                g.writeStringField("caFile", t.caFile().toString());
            }
            if (t.sha256() != null) {
                g.writeStringField("sha256", t.sha256());
            }
            g.writeEndObject();
            if (c.loadBalanceInfo() != null) {
                g.writeStringField("loadBalanceInfo", c.loadBalanceInfo());
            }
            g.writeStringField("clientName", c.clientName());
            g.writeNumberField("connectTimeoutSeconds", c.connectTimeoutSeconds());
            g.writeEndObject();

            g.writeObjectFieldStart("credentials");
            g.writeStringField("mode", ConfigParser.enumId(config.credentials().mode()));
            g.writeStringField("username", config.credentials().username());
            g.writeStringField("domain", config.credentials().domain());
            g.writeEndObject();

            g.writeObjectFieldStart("desktop");
            g.writeNumberField("width", config.desktop().width());
            g.writeNumberField("height", config.desktop().height());
            g.writeNumberField("bpp", config.desktop().bpp());
            g.writeNumberField("monitors", config.desktop().monitors());
            g.writeEndObject();

            g.writeObjectFieldStart("display");
            g.writeStringField("backend", ConfigParser.enumId(config.display().backend()));
            g.writeNumberField("rotation", config.display().rotation());
            g.writeEndObject();

            g.writeObjectFieldStart("input");
            g.writeStringField("keyboardLayout", String.format("0x%04x", config.input().keyboardLayout()));
            g.writeObjectFieldStart("hotkeys");
            for (String action : KeyCombo.ACTIONS) {
                KeyCombo k = config.input().hotkeys().get(action);
                if (k != null) {
                    g.writeStringField(action, k.toString());
                }
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("kiosk");
            g.writeNumberField("idleTimeoutSeconds", config.kiosk().idleTimeoutSeconds());
            g.writeStringField("idleAction", ConfigParser.enumId(config.kiosk().idleAction()));
            g.writeBooleanField("allowLocalDisconnect", config.kiosk().allowLocalDisconnect());
            g.writeEndObject();

            g.writeObjectFieldStart("logging");
            g.writeStringField("level", config.logging().level());
            g.writeEndObject();

            AgentConfig.Provisioning p = config.provisioning();
            g.writeObjectFieldStart("provisioning");
            g.writeBooleanField("enabled", p.enabled());
            writeOptional(g, "brokerUrl", p.brokerUrl() == null ? null : p.brokerUrl().toString());
            writeOptional(g, "tenant", p.tenant());
            writeOptional(g, "deviceId", p.deviceId());
            writeOptional(g, "stateDir", p.stateDir() == null ? null : p.stateDir().toString());
            writeOptional(g, "claimFile", p.claimFile() == null ? null : p.claimFile().toString());
            if (p.telemetryIntervalSeconds() != AgentConfig.Provisioning.DEFAULT_TELEMETRY) {
                g.writeNumberField("telemetryIntervalSeconds", p.telemetryIntervalSeconds());
            }
            g.writeEndObject();

            g.writeObjectFieldStart("plugins");
            g.writeArrayFieldStart("allowed");
            for (String id : config.plugins().allowed()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator g, String name, String value)
            throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
