package dev.porthole.provisioning.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/**
 * The one JSON reader and writer of the provisioning module, strict for input from the network and from disk:
 * duplicate member names are an error (a signed document with two {@code "device"} members must not mean one thing
 * to the verifier and another to the applier), trailing tokens are an error, nesting is at most
 * {@value #MAX_DEPTH} levels, strings and numbers are bounded.
 */
public final class StrictJson {

    /** Deepest nesting of arrays and objects. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(1 << 20)
                            .maxNumberLength(64)
                            .maxDocumentLength(16L << 20)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private StrictJson() {}

    /** The shared mapper (thread-safe; do not reconfigure). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses {@code bytes} into a tree; {@code what} names the input in the error. */
    public static JsonNode parse(byte[] bytes, String what) {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new ProvisioningException(Kind.MALFORMED, what + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw new ProvisioningException(Kind.MALFORMED, what + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** Parses {@code bytes} and requires a JSON object. */
    public static ObjectNode parseObject(byte[] bytes, String what) {
        JsonNode n = parse(bytes, what);
        if (!(n instanceof ObjectNode o)) {
            throw new ProvisioningException(Kind.MALFORMED, what + " must be a JSON object, not " + n.getNodeType());
        }
        return o;
    }

    /** Compact UTF-8 JSON of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new ProvisioningException(Kind.USAGE, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Two-space indented JSON of {@code node}, for files people read. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new ProvisioningException(Kind.USAGE, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
