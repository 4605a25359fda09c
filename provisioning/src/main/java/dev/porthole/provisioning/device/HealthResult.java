package dev.porthole.provisioning.device;

/**
 * The outcome of a health check after applying a document (for example: the RDP host answers, the display is up).
 *
 * @param healthy whether the device works with the new document
 * @param detail  what was checked or what failed, for people
 */
public record HealthResult(boolean healthy, String detail) {

    public static HealthResult ok() {
        return new HealthResult(true, "ok");
    }

    public static HealthResult unhealthy(String detail) {
        return new HealthResult(false, detail);
    }
}
