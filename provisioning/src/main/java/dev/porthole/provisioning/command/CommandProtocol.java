package dev.porthole.provisioning.command;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.json.StrictJson;

/**
 * Commands as MQTT 5 request/response in the device's subtree:
 * <pre>
 * fleet  → porthole/v1/&lt;t&gt;/&lt;d&gt;/cmd/&lt;name&gt;   QoS 1, not retained; response topic .../rsp, correlation data,
 *                                         message expiry; payload {"args":{...}} (or empty)
 * device → porthole/v1/&lt;t&gt;/&lt;d&gt;/rsp          same correlation data; user property status=ok|error; payload
 *   {"schema":"porthole.rsp/v1","command":"ping","status":"ok","result":{...}}
 *   {"schema":"porthole.rsp/v1","command":"frobnicate","status":"error","code":"unknown-command","message":"…"}
 * </pre>
 * Binary results (screenshot PNG, log text) follow the JSON response as chunks: the response's result says
 * {@code {"contentType":"image/png","size":N,"sha256":"…","chunks":K}}, then K messages with the same correlation
 * data, content type the result's, user properties {@code chunk} = 0..K-1 and {@code chunks} = K.
 */
public final class CommandProtocol {

    /** Schema id of responses. */
    public static final String SCHEMA = "porthole.rsp/v1";

    /** The commands a device understands. */
    public static final List<String> COMMANDS = List.of("ping", "reconnect", "reboot", "screenshot", "logs",
            "set-log-level");

    /** Error codes. */
    public static final String UNKNOWN_COMMAND = "unknown-command";
    public static final String MALFORMED = "malformed-request";
    public static final String UNSUPPORTED = "unsupported";
    public static final String FAILED = "failed";
    public static final String BUSY = "busy";
    public static final String RETAINED = "retained-command";

    /** The largest request payload. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private CommandProtocol() {}

    public static ObjectNode ok(String command, JsonNode result) {
        ObjectNode o = base(command, "ok");
        o.set("result", result == null ? StrictJson.object() : result);
        return o;
    }

    public static ObjectNode error(String command, String code, String message) {
        ObjectNode o = base(command, "error");
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    private static ObjectNode base(String command, String status) {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("command", command);
        o.put("status", status);
        return o;
    }
}
