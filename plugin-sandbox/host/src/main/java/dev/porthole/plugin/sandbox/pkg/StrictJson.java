package dev.porthole.plugin.sandbox.pkg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Bounded, strict JSON reading for untrusted documents (manifests, seccomp profiles): size, depth and
 * string limits; duplicate keys rejected; helpers that name the JSON path of every error.
 */
public final class StrictJson {

    private StrictJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16).maxStringLength(64 * 1024).maxNumberLength(32).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Jackson's mapper with the same limits, for writing. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a JSON document of at most {@code maxBytes} bytes into a tree.
     *
     * @throws SandboxException MALFORMED naming {@code document} and Jackson's location
     */
    public static JsonNode parse(byte[] json, int maxBytes, String document) {
        if (json.length > maxBytes) {
            throw new SandboxException(SandboxException.Kind.MALFORMED, document + ": " + json.length
                    + " bytes exceed the limit of " + maxBytes);
        }
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, document + ": empty document");
            }
            return node;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new SandboxException(SandboxException.Kind.MALFORMED, document + ": not valid JSON: " + msg, e);
        }
    }

    /** Fails unless {@code node} is an object whose field names are all in {@code allowed}. */
    public static JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw err(path, "must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw err(path, "unknown field '" + n + "' (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
        return node;
    }

    /** A required string field of 1..maxLength characters. */
    public static String string(JsonNode obj, String field, String path, int maxLength) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw err(path + "." + field, "is required");
        }
        return stringValue(v, path + "." + field, maxLength);
    }

    /** An optional string field, or {@code null}. */
    public static String optionalString(JsonNode obj, String field, String path, int maxLength) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? null : stringValue(v, path + "." + field, maxLength);
    }

    /** A string node of 1..maxLength characters. */
    public static String stringValue(JsonNode v, String path, int maxLength) {
        if (!v.isTextual()) {
            throw err(path, "must be a string, is " + v.getNodeType().toString().toLowerCase());
        }
        String s = v.textValue();
        if (s.isEmpty() || s.length() > maxLength) {
            throw err(path, "must have 1 to " + maxLength + " characters, has " + s.length());
        }
        return s;
    }

    /** A required integer field within [min, max]. */
    public static long integer(JsonNode obj, String field, String path, long min, long max) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw err(path + "." + field, "is required");
        }
        return integerValue(v, path + "." + field, min, max);
    }

    /** An integer node within [min, max]. */
    public static long integerValue(JsonNode v, String path, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw err(path, "must be an integer");
        }
        long n = v.longValue();
        if (n < min || n > max) {
            throw err(path, n + " outside " + min + ".." + max);
        }
        return n;
    }

    /** A required array field of minItems..maxItems elements. */
    public static List<JsonNode> array(JsonNode obj, String field, String path, int minItems, int maxItems) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            if (minItems == 0) {
                return List.of();
            }
            throw err(path + "." + field, "is required");
        }
        if (!v.isArray()) {
            throw err(path + "." + field, "must be an array");
        }
        if (v.size() < minItems || v.size() > maxItems) {
            throw err(path + "." + field, "must have " + minItems + " to " + maxItems + " elements, has " + v.size());
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    /** A MALFORMED error naming the JSON path. */
    public static SandboxException err(String path, String problem) {
        return new SandboxException(SandboxException.Kind.MALFORMED, path + ": " + problem);
    }
}
