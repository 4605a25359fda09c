package dev.porthole.provisioning.enroll;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;
import dev.porthole.provisioning.json.StrictJson;
import dev.porthole.provisioning.topic.Ids;

/**
 * The enrollment exchange, an MQTT 5 request/response in the claim's own area:
 * <pre>
 * device → porthole/enroll/&lt;claim&gt;/request    response topic porthole/enroll/&lt;claim&gt;/response, correlation data,
 *                                              message expiry; payload:
 *   {"schema":"porthole.enroll/v1","claim":"claim-…","tenant":"acme","device":"kiosk-7",
 *    "csr":"&lt;base64 DER PKCS#10&gt;","proof":"&lt;base64url HMAC-SHA256(claim secret, signing string)&gt;"}
 * fleet  → porthole/enroll/&lt;claim&gt;/response   same correlation data; payload:
 *   {"schema":"porthole.enroll/v1","status":"issued","certificate":"&lt;PEM chain&gt;","ca":"&lt;PEM&gt;"}
 *   {"schema":"porthole.enroll/v1","status":"refused","reason":"claim-used","message":"…"}
 * </pre>
 * The signing string of the proof is {@code porthole.enroll/v1 \n claim \n tenant \n device \n csr} (the base64
 * text as sent).
 */
public final class EnrollmentProtocol {

    /** Schema id of requests and responses. */
    public static final String SCHEMA = "porthole.enroll/v1";

    /** Root of the enrollment areas. */
    public static final String ROOT = "porthole/enroll";

    /** The largest request or response accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private EnrollmentProtocol() {}

    /**
     * A request as read from the network.
     *
     * @param claim  claim id
     * @param tenant tenant id
     * @param device device id asked for
     * @param csr    the CSR text (base64 of DER)
     * @param proof  the HMAC (base64url)
     */
    public record Request(String claim, String tenant, String device, String csr, String proof) {

        public ObjectNode toJson() {
            ObjectNode o = StrictJson.object();
            o.put("schema", SCHEMA);
            o.put("claim", claim);
            o.put("tenant", tenant);
            o.put("device", device);
            o.put("csr", csr);
            o.put("proof", proof);
            return o;
        }

        @Override
        public String toString() {
            return "EnrollmentRequest[claim=" + claim + ", tenant=" + tenant + ", device=" + device + ", csr="
                    + csr.length() + " chars]";
        }

        /** The CSR DER. */
        public byte[] csrDer() {
            try {
                return Base64.getDecoder().decode(csr);
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(Kind.MALFORMED, "enrollment request csr is not base64", e);
            }
        }

        /** Parses a request; throws {@code MALFORMED} naming the member. */
        public static Request parse(byte[] bytes) {
            if (bytes.length > MAX_BYTES) {
                throw new ProvisioningException(Kind.MALFORMED, "enrollment request is " + bytes.length
                        + " bytes; at most " + MAX_BYTES);
            }
            ObjectNode o = StrictJson.parseObject(bytes, "enrollment request");
            if (!SCHEMA.equals(o.path("schema").asText())) {
                throw new ProvisioningException(Kind.MALFORMED, "enrollment request schema is " + o.path("schema")
                        + ", expected " + SCHEMA);
            }
            Request r = new Request(text(o, "claim"), text(o, "tenant"), text(o, "device"), text(o, "csr"),
                    text(o, "proof"));
            for (String[] id : new String[][] {{"claim", r.claim}, {"tenant", r.tenant}, {"device", r.device}}) {
                String problem = Ids.problem(id[1]);
                if (problem != null) {
                    throw new ProvisioningException(Kind.MALFORMED, "enrollment request " + id[0] + " " + problem);
                }
            }
            return r;
        }
    }

    /** The HMAC proof over a request's fields with the claim secret. */
    public static String proof(byte[] secret, String claim, String tenant, String device, String csrBase64) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(String.join("\n", SCHEMA, claim, tenant, device, csrBase64)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new ProvisioningException(Kind.CRYPTO, "HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a received proof with the expected one. */
    public static boolean proofMatches(String expected, String received) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code porthole/enroll/<claim>/request}. */
    public static String requestTopic(String claim) {
        return ROOT + "/" + claim + "/request";
    }

    /** {@code porthole/enroll/<claim>/response}. */
    public static String responseTopic(String claim) {
        return ROOT + "/" + claim + "/response";
    }

    /** An {@code issued} response. */
    public static ObjectNode issued(String certificatePem, String caPem) {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("status", "issued");
        o.put("certificate", certificatePem);
        o.put("ca", caPem);
        return o;
    }

    /** A {@code refused} response. */
    public static ObjectNode refused(String reason, String message) {
        ObjectNode o = StrictJson.object();
        o.put("schema", SCHEMA);
        o.put("status", "refused");
        o.put("reason", reason);
        o.put("message", message);
        return o;
    }

    static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || !n.isTextual()) {
            throw new ProvisioningException(Kind.MALFORMED, "enrollment member '" + name + "' is missing or not a string");
        }
        return n.asText();
    }
}
