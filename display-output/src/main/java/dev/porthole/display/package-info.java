/**
 * Protocol-neutral presentation: {@link dev.porthole.display.surface.Surface}s with damage, pixel
 * conversion and rotation of only the damaged area, cursor composition, status screens, and the
 * {@link dev.porthole.display.Display} backends (DRM, fbdev, window, headless). Knows nothing of RDP.
 * Log tag: {@code display}.
 */
package dev.porthole.display;
