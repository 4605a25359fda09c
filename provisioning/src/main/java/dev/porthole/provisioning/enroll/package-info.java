/**
 * Enrollment: the claim bundle a device starts with ({@link dev.porthole.provisioning.enroll.ClaimBundle}), the
 * MQTT 5 request/response with the fleet's enrollment responder ({@link
 * dev.porthole.provisioning.enroll.EnrollmentProtocol}), the device side ({@link
 * dev.porthole.provisioning.enroll.Enrollment}) and the identity it ends with ({@link
 * dev.porthole.provisioning.enroll.DeviceIdentity}).
 */
package dev.porthole.provisioning.enroll;
