package dev.porthole.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.porthole.agent.boot.DisplayView;
import dev.porthole.display.Display;
import dev.porthole.display.Mode;
import dev.porthole.display.convert.CursorImage;
import dev.porthole.display.status.Status;
import dev.porthole.display.surface.Rect;
import dev.porthole.display.surface.Surface;
import dev.porthole.rdp.netty.client.ConnectionListener;
import dev.porthole.rdp.protocol.session.SessionEvent;
import org.junit.jupiter.api.Test;

/** The server's pointer shapes reach the display's cursor, and only while the session has the screen. */
class SessionPointerTest {

    /** Records cursor calls. */
    static final class RecordingDisplay implements Display {
        final List<Object> cursor = new ArrayList<>();

        @Override public String backend() { return "recording"; }
        @Override public Mode mode() { return new Mode(64, 48, 60); }
        @Override public List<Mode> modes() { return List.of(mode()); }
        @Override public Mode logicalSize() { return mode(); }
        @Override public void present(Surface surface, List<Rect> damage) {}
        @Override public void setCursor(CursorImage image) { cursor.add(image == null ? "hidden" : image); }
        @Override public void moveCursor(int x, int y) { cursor.add(x + "," + y); }
        @Override public void blank(boolean blanked) {}
        @Override public boolean awaitIdle(Duration timeout) { return true; }
        @Override public long framesShown() { return 0; }
        @Override public void close() {}
    }

    private static final dev.porthole.rdp.protocol.surface.Surface SOURCE = new dev.porthole.rdp.protocol.surface.Surface(64, 48);

    @Test
    void shapesBecomeCursorsSystemPointersHideOrShowTheArrowAndMovesMoveIt() {
        RecordingDisplay display = new RecordingDisplay();
        SessionPresenter presenter = new SessionPresenter(display, ConnectionListener.NONE);
        int[] argb = {0x00000000, 0xFF112233, 0x80FFFFFF, 0xFF000000, 0, 0};
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerShape(argb, 3, 2, 2, 1));
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerSystem(true));
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerSystem(false));
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerMoved(10, 20));

        assertThat(display.cursor).hasSize(4);
        CursorImage shape = (CursorImage) display.cursor.get(0);
        assertThat(shape.width()).isEqualTo(3);
        assertThat(shape.height()).isEqualTo(2);
        assertThat(shape.hotX()).isEqualTo(2);
        assertThat(shape.hotY()).isEqualTo(1);
        assertThat(shape.argb()).containsExactly(argb);
        assertThat(display.cursor.get(1)).isEqualTo("hidden");
        assertThat(display.cursor.get(2)).usingRecursiveComparison().isEqualTo(CursorImage.arrow());
        assertThat(display.cursor.get(3)).isEqualTo("10,20");
    }

    @Test
    void aShapeTheDisplayCannotShowBecomesTheArrow() {
        RecordingDisplay display = new RecordingDisplay();
        SessionPresenter presenter = new SessionPresenter(display, ConnectionListener.NONE);
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerShape(new int[384 * 384], 384, 384, 0, 0));
        presenter.onSessionEvent(SOURCE, new SessionEvent.PointerShape(new int[4], 2, 2, 5, 5)); // hotspot outside
        assertThat(display.cursor).hasSize(2);
        for (Object c : display.cursor) {
            assertThat(c).usingRecursiveComparison().isEqualTo(CursorImage.arrow());
        }
    }

    @Test
    void statusScreensHideTheSessionsPointerAndTheSessionGetsItBack() {
        RecordingDisplay display = new RecordingDisplay();
        DisplayView view = new DisplayView(display);
        CursorImage shape = new CursorImage(1, 1, 0, 0, new int[] {0xFFFFFFFF});
        view.showStatus(new Status.Connecting("host"));
        view.sessionDisplay().setCursor(shape);
        assertThat(display.cursor).as("held back while a status screen shows").isEmpty();
        view.showSession();
        assertThat(display.cursor).containsExactly(shape);
        view.showStatus(new Status.Reconnecting("host", 1, "cut"));
        assertThat(display.cursor).containsExactly(shape, "hidden");
        view.showSession();
        assertThat(display.cursor).containsExactly(shape, "hidden", shape);
    }
}
