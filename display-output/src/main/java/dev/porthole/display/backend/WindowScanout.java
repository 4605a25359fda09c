package dev.porthole.display.backend;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

import dev.porthole.display.DisplayException;
import dev.porthole.display.surface.Rect;

/** A desktop window standing in for the panel (development on a workstation). */
public final class WindowScanout extends MemoryScanout {

    private final BufferedImage image;
    private final int[] shown;
    private JFrame frame;
    private JComponent canvas;

    /** Opens a {@code width} x {@code height} window titled {@code title}; unavailable without a desktop. */
    public WindowScanout(int width, int height, String title) {
        super(requireDesktop(width), height);
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.shown = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        try {
            SwingUtilities.invokeAndWait(() -> {
                frame = new JFrame(title);
                canvas = new JComponent() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void paintComponent(Graphics g) {
                        synchronized (shown) {
                            g.drawImage(image, 0, 0, null);
                        }
                    }
                };
                canvas.setPreferredSize(new Dimension(width, height));
                frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
                frame.add(canvas);
                frame.pack();
                frame.setVisible(true);
            });
        } catch (Exception e) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "window backend: cannot open a window: " + e, e);
        }
    }

    private static int requireDesktop(int width) {
        if (GraphicsEnvironment.isHeadless()) {
            throw new DisplayException(DisplayException.Kind.UNAVAILABLE, "window backend: no desktop (headless AWT)", null);
        }
        return width;
    }

    @Override
    public String name() {
        return "window";
    }

    @Override
    public void show(int index, List<Rect> damage) {
        synchronized (shown) {
            for (Rect r : damage) {
                for (int y = r.y(); y < r.bottom(); y++) {
                    for (int x = r.x(); x < r.right(); x++) {
                        shown[y * mode().width() + x] = memory.getInt((y * mode().width() + x) * 4);
                    }
                }
            }
        }
        JComponent c = canvas;
        for (Rect r : damage) {
            c.repaint(r.x(), r.y(), r.width(), r.height());
        }
    }

    @Override
    public void blank(boolean blanked) {
        SwingUtilities.invokeLater(() -> canvas.setVisible(!blanked));
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(() -> frame.dispose());
    }
}
