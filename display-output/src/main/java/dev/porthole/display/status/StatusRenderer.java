package dev.porthole.display.status;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

import dev.porthole.display.surface.Surface;

/**
 * Draws {@link Status} screens with Java2D straight into a {@link Surface}'s pixels (headless AWT,
 * so it works on the device without a desktop). Layout scales with the surface height.
 */
public final class StatusRenderer {

    private static final Color BG_TOP = new Color(0x10, 0x22, 0x3a);
    private static final Color BG_BOTTOM = new Color(0x05, 0x0c, 0x16);
    private static final Color TEXT = new Color(0xf2, 0xf5, 0xf8);
    private static final Color DIM = new Color(0x9a, 0xaa, 0xbb);
    private static final Color ACCENT = new Color(0x3d, 0x9b, 0xff);
    private static final Color ERROR = new Color(0xff, 0x6b, 0x5e);

    /** Draws {@code status} over the whole of {@code target}. */
    public void render(Surface target, Status status) {
        BufferedImage img = wrap(target);
        Graphics2D g = img.createGraphics();
        try {
            int w = target.width();
            int h = target.height();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, BG_TOP, 0, h, BG_BOTTOM));
            g.fillRect(0, 0, w, h);
            int unit = Math.max(8, h / 24);
            switch (status) {
                case Status.Booting b -> screen(g, w, h, unit, "Starting", "Getting your desktop ready", ACCENT, 0);
                case Status.Connecting c -> screen(g, w, h, unit, "Connecting", "to " + c.host(), ACCENT, 1);
                case Status.NetworkDown n -> screen(g, w, h, unit, "Network unavailable",
                        "Check the cable or Wi-Fi. Your desktop comes back when the network does.", ERROR, -1);
                case Status.AuthenticationFailed a -> screen(g, w, h, unit, "Sign-in failed", a.reason(), ERROR, -1);
                case Status.Reconnecting r -> screen(g, w, h, unit, "Reconnecting",
                        (r.reason().isEmpty() ? "" : r.reason() + " \u2014 ") + "to " + r.host() + " (attempt "
                                + r.attempt() + ")", ACCENT, r.attempt());
                case Status.ShuttingDown s -> screen(g, w, h, unit, "Shutting down", "", DIM, -1);
                case Status.SignIn s -> signIn(g, w, h, unit, s.form());
            }
        } finally {
            g.dispose();
        }
    }

    /** A BufferedImage sharing the surface's pixel array (no copy). */
    static BufferedImage wrap(Surface s) {
        DirectColorModel cm = new DirectColorModel(24, 0xff0000, 0x00ff00, 0x0000ff);
        DataBufferInt db = new DataBufferInt(s.pixels(), s.width() * s.height());
        SinglePixelPackedSampleModel sm = new SinglePixelPackedSampleModel(db.getDataType(), s.width(), s.height(),
                new int[] {0xff0000, 0x00ff00, 0x0000ff});
        WritableRaster raster = Raster.createWritableRaster(sm, db, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static void screen(Graphics2D g, int w, int h, int unit, String title, String detail, Color accent, int dots) {
        g.setColor(accent);
        g.fillRoundRect(w / 2 - unit * 3, h / 2 - unit * 6, unit * 6, unit / 2, unit / 4, unit / 4);
        centered(g, title, w, h / 2 - unit, new Font(Font.SANS_SERIF, Font.BOLD, unit * 2), TEXT);
        wrapped(g, detail == null ? "" : detail, w, h / 2 + unit, new Font(Font.SANS_SERIF, Font.PLAIN, unit), DIM);
        if (dots >= 0) {
            int n = 5;
            int r = Math.max(3, unit / 3);
            int x0 = w / 2 - (n - 1) * r * 2;
            for (int i = 0; i < n; i++) {
                g.setColor(i == Math.floorMod(dots, n) ? accent : DIM.darker());
                g.fillOval(x0 + i * r * 4 - r, h / 2 + unit * 4, r * 2, r * 2);
            }
        }
    }

    private static void signIn(Graphics2D g, int w, int h, int unit, SignInForm form) {
        centered(g, "Sign in", w, h / 2 - unit * 4, new Font(Font.SANS_SERIF, Font.BOLD, unit * 2), TEXT);
        int fw = Math.min(w - 2 * unit, unit * 20);
        int x = (w - fw) / 2;
        String mask = "\u2022".repeat(form.passwordLength());
        field(g, x, h / 2 - unit * 2, fw, unit, "User name", form.username(), form.focus() == SignInForm.Field.USERNAME);
        field(g, x, h / 2 + unit * 2, fw, unit, "Password", mask, form.focus() == SignInForm.Field.PASSWORD);
        wrapped(g, form.message(), w, h / 2 + unit * 6, new Font(Font.SANS_SERIF, Font.PLAIN, unit), ERROR);
    }

    private static void field(Graphics2D g, int x, int y, int fw, int unit, String label, String value, boolean focused) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, unit * 3 / 4));
        g.setColor(DIM);
        g.drawString(label, x, y - unit / 3);
        g.setColor(new Color(0x1b, 0x2b, 0x40));
        g.fillRoundRect(x, y, fw, unit * 2, unit / 2, unit / 2);
        g.setColor(focused ? ACCENT : DIM.darker());
        g.setStroke(new BasicStroke(Math.max(1, unit / 8f)));
        g.drawRoundRect(x, y, fw, unit * 2, unit / 2, unit / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, unit));
        g.setColor(TEXT);
        FontMetrics m = g.getFontMetrics();
        String shown = value;
        while (!shown.isEmpty() && m.stringWidth(shown) > fw - unit) {
            shown = shown.substring(1);
        }
        int tx = x + unit / 2;
        int ty = y + unit + m.getAscent() / 2 - unit / 8;
        g.drawString(shown, tx, ty);
        if (focused) {
            int cx = tx + m.stringWidth(shown) + 2;
            g.fillRect(cx, y + unit / 2, Math.max(2, unit / 10), unit);
        }
    }

    private static void centered(Graphics2D g, String text, int w, int y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (w - m.stringWidth(text)) / 2, y);
    }

    private static void wrapped(Graphics2D g, String text, int w, int y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        int max = w * 4 / 5;
        StringBuilder line = new StringBuilder();
        int ly = y;
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (m.stringWidth(next) > max && !line.isEmpty()) {
                g.drawString(line.toString(), (w - m.stringWidth(line.toString())) / 2, ly);
                ly += m.getHeight();
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(next);
            }
        }
        if (!line.isEmpty()) {
            g.drawString(line.toString(), (w - m.stringWidth(line.toString())) / 2, ly);
        }
    }
}
