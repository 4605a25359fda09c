package dev.porthole.agent.boot;

import java.time.Duration;
import java.util.List;

import dev.porthole.display.Display;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.status.Status;
import dev.porthole.display.status.StatusRenderer;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;

/**
 * The {@link BootView} on a real {@link Display}: status screens are drawn with the
 * {@link StatusRenderer} into a surface of the display's logical size; while one shows, the session's
 * frames are held back ({@link #sessionDisplay()} drops them), and when the session takes the screen
 * back it repaints in full. The session's pointer shape shows only while the session has the screen.
 */
public final class DisplayView implements BootView {

    private final Display display;
    private final StatusRenderer renderer = new StatusRenderer();
    private final Surface statusSurface;
    private final GatedDisplay gate = new GatedDisplay();
    private volatile Status shown;
    private volatile boolean session;
    private CursorImage sessionCursor;

    /** A view on {@code display}. */
    public DisplayView(Display display) {
        this.display = display;
        Mode size = display.logicalSize();
        this.statusSurface = new Surface(size.width(), size.height());
    }

    @Override
    public synchronized void showStatus(Status status) {
        if (session) {
            display.setCursor(null); // status screens have no pointer; the session's comes back with it
        }
        session = false;
        shown = status;
        renderer.render(statusSurface, status);
        display.present(statusSurface, List.of(statusSurface.bounds()));
    }

    @Override
    public synchronized void showSession() {
        session = true;
        shown = null;
        gate.repaint();
        display.setCursor(sessionCursor);
    }

    @Override
    public void blank(boolean blanked) {
        display.blank(blanked);
    }

    /** A PNG of what the view last put on the screen (status screen or session frame), or null before anything. */
    public synchronized byte[] snapshotPng() {
        Surface s = session ? gate.last : statusSurface;
        if (s == null) {
            return null;
        }
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(s.width(), s.height(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, s.width(), s.height(), s.pixels(), 0, s.width());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    /** The status on screen, or null while the session shows. */
    public Status shown() {
        return shown;
    }

    /** The display the session presents to: frames pass only while the session has the screen. */
    public Display sessionDisplay() {
        return gate;
    }

    private final class GatedDisplay implements Display {
        private Surface last;

        @Override
        public String backend() {
            return display.backend();
        }

        @Override
        public Mode mode() {
            return display.mode();
        }

        @Override
        public List<Mode> modes() {
            return display.modes();
        }

        @Override
        public Mode logicalSize() {
            return display.logicalSize();
        }

        @Override
        public void present(Surface surface, List<Rect> damage) {
            synchronized (DisplayView.this) {
                last = surface;
                if (session) {
                    display.present(surface, damage);
                }
            }
        }

        void repaint() {
            if (last != null) {
                display.present(last, List.of(last.bounds()));
            }
        }

        @Override
        public void setCursor(CursorImage image) {
            synchronized (DisplayView.this) {
                sessionCursor = image;
                if (session) {
                    display.setCursor(image);
                }
            }
        }

        @Override
        public void moveCursor(int x, int y) {
            display.moveCursor(x, y);
        }

        @Override
        public void blank(boolean blanked) {
            display.blank(blanked);
        }

        @Override
        public void setMode(Mode mode) {
            display.setMode(mode);
        }

        @Override
        public void reprobe() {
            display.reprobe();
        }

        @Override
        public void onModeChange(java.util.function.Consumer<Mode> listener) {
            display.onModeChange(listener);
        }

        @Override
        public boolean awaitIdle(Duration timeout) {
            return display.awaitIdle(timeout);
        }

        @Override
        public long framesShown() {
            return display.framesShown();
        }

        @Override
        public void close() {
            // the view owns the display
        }
    }
}
