package dev.porthole.agent.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.display.Display;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.protocol.connector.ConnectorAction.Phase;
import dev.porthole.rdp.protocol.session.SessionEvent;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * Wires an RDP session to a display (the device agent is the only module that knows both): damaged
 * areas of the session surface are copied into the display's surface and presented; the display's
 * presentation thread converts and shows them without blocking the session's event loop. The server's
 * pointer shapes (and hidden/default pointer) become the display's cursor.
 */
public final class SessionPresenter implements ConnectionListener {

    private static final TaggedLogger LOG = Logger.tag("agent");

    private final Display display;
    private final ConnectionListener progress;
    private Surface target;
    private long damagedPixels;
    private long lastDamage = System.nanoTime();
    private SessionEvent.ErrorInfo lastError;

    public SessionPresenter(Display display, ConnectionListener progress) {
        this.display = display;
        this.progress = progress;
    }

    @Override
    public void onMilestone(Phase phase, String detail, Duration elapsed) {
        progress.onMilestone(phase, detail, elapsed);
    }

    @Override
    public synchronized void onSessionEvent(dev.porthole.rdp.protocol.surface.Surface source, SessionEvent event) {
        switch (event) {
            case SessionEvent.FrameDamaged d -> {
                if (target == null || target.width() != source.width() || target.height() != source.height()) {
                    target = new Surface(source.width(), source.height());
                }
                List<Rect> rects = new ArrayList<>(d.areas().size());
                int[] from = source.pixels();
                int[] to = target.pixels();
                for (var r : d.areas()) {
                    for (int y = r.y(); y < r.bottom(); y++) {
                        int at = y * source.width() + r.x();
                        for (int i = 0; i < r.width(); i++) {
                            to[at + i] = from[at + i] & 0xFFFFFF; // ARGB -> XRGB
                        }
                    }
                    rects.add(new Rect(r.x(), r.y(), r.width(), r.height()));
                    damagedPixels += (long) r.width() * r.height();
                }
                lastDamage = System.nanoTime();
                display.present(target, rects);
            }
            case SessionEvent.ErrorInfo e -> lastError = e;
            case SessionEvent.PointerShape p -> display.setCursor(cursorOf(p));
            case SessionEvent.PointerSystem p -> display.setCursor(p.hidden() ? null : CursorImage.arrow());
            case SessionEvent.PointerMoved m -> display.moveCursor(m.x(), m.y());
            default -> { }
        }
        progress.onSessionEvent(source, event);
    }

    /**
     * The display's cursor for a server pointer shape; shapes the display cannot show (larger than
     * 256x256, RDP allows 384x384) become the default arrow.
     */
    static CursorImage cursorOf(SessionEvent.PointerShape p) {
        try {
            return new CursorImage(p.width(), p.height(), p.hotX(), p.hotY(), p.argb());
        } catch (IllegalArgumentException e) {
            LOG.debug("pointer shape not shown as is ({}), default arrow instead", e.getMessage());
            return CursorImage.arrow();
        }
    }

    /** Pixels painted so far (a full screen once every pixel was drawn at least once). */
    public synchronized long damagedPixels() {
        return damagedPixels;
    }

    /** Time since the last damage. */
    public synchronized Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastDamage);
    }

    /** The server's last Set Error Info reason, or null. */
    public synchronized SessionEvent.ErrorInfo lastError() {
        return lastError;
    }
}
