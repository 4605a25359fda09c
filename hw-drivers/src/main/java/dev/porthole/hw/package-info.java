/**
 * Porthole's hardware layer: small JNA bindings to Linux kernel interfaces (fbdev, DRM/KMS dumb
 * buffers, evdev, uinput, inotify, sysfs backlight) and GPIO through Pi4J, with fakes for tests.
 * Nothing here reads the environment or configuration: paths and settings are passed in. Errors are
 * {@link dev.porthole.hw.HwException}. Log tag: {@code hw}.
 */
package dev.porthole.hw;
