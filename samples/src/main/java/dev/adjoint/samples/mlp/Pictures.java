package dev.adjoint.samples.mlp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The sample's pictures, drawn with the JDK alone ({@link BufferedImage}, {@link Graphics2D},
 * {@link ImageIO}) and labelled with {@link BitmapFont}: nothing to install, headless is fine.
 */
final class Pictures {

    static final int BLUE = 0x1f77b4;
    static final int ORANGE = 0xff7f0e;
    static final int GREY = 0xbbbbbb;
    static final int DARK = 0x222222;
    static final int GREEN = 0x2ca02c;
    static final int RED = 0xd62728;
    private static final int[] CLASS_COLOURS = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728};
    private static final int[] CLASS_TINTS = {0xcfe0f0, 0xffe1c6, 0xd0ebd0, 0xf5cfcf};

    private Pictures() {}

    /**
     * The loss curve (log scale: every minibatch's loss in grey, each epoch's mean training loss
     * and the held-out loss) above the accuracy by epoch, with the accuracy bar dashed.
     */
    static BufferedImage lossCurve(String title, Trainer.Result r, double accuracyBar) {
        int w = 900;
        int h = 620;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        int left = 90;
        int right = w - 30;
        BitmapFont.draw(image, title, left, 16, 2, DARK);

        List<Trainer.Epoch> epochs = r.epochs();
        int n = epochs.size();
        double xMax = n;

        // --- loss panel, log scale ---
        int top = 60;
        int bottom = 360;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : r.batchLosses()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (Trainer.Epoch e : epochs) {
            lo = Math.min(lo, Math.min(e.trainLoss(), e.heldOutLoss()));
            hi = Math.max(hi, Math.max(e.trainLoss(), e.heldOutLoss()));
        }
        double logLo = Math.floor(Math.log10(lo) * 2) / 2; // to half decades
        double logHi = Math.ceil(Math.log10(hi) * 2) / 2;
        if (logHi <= logLo) {
            logHi = logLo + 0.5;
        }
        Axis xAxis = new Axis(0, xMax, left, right);
        Axis yLoss = new Axis(logLo, logHi, bottom, top);
        frame(g, left, top, right, bottom);
        for (int d = (int) Math.floor(logLo); d <= Math.ceil(logHi); d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = Math.log10(m) + d;
                if (v < logLo - 1e-9 || v > logHi + 1e-9) {
                    continue;
                }
                int y = yLoss.px(v);
                gridLine(g, left, y, right, y);
                String label = format(m * Math.pow(10, d));
                BitmapFont.draw(image, label, left - 8 - BitmapFont.width(label, 2), y - 7, 2, DARK);
            }
        }
        xTicks(image, g, xAxis, n, top, bottom, false);
        BitmapFont.draw(image, "LOSS", 12, top - 4, 2, DARK);

        // every minibatch: grey; the x of minibatch b of epoch e is e - 1 + (b + 1) / batches
        double[] bx = new double[r.batchLosses().length];
        double[] by = new double[bx.length];
        for (int k = 0; k < bx.length; k++) {
            bx[k] = (k + 1.0) / r.batchesPerEpoch();
            by[k] = Math.log10(r.batchLosses()[k]);
        }
        polyline(g, xAxis, yLoss, bx, by, GREY, 1f);
        double[] ex = new double[n];
        double[] train = new double[n];
        double[] held = new double[n];
        for (int k = 0; k < n; k++) {
            ex[k] = epochs.get(k).epoch();
            train[k] = Math.log10(epochs.get(k).trainLoss());
            held[k] = Math.log10(epochs.get(k).heldOutLoss());
        }
        polyline(g, xAxis, yLoss, ex, train, BLUE, 2.5f);
        polyline(g, xAxis, yLoss, ex, held, ORANGE, 2.5f);
        legend(
                image,
                g,
                right - 330,
                top + 12,
                new String[] {"MINIBATCH LOSS", "TRAINING LOSS (EPOCH MEAN)", "HELD-OUT CROSS-ENTROPY"},
                new int[] {GREY, BLUE, ORANGE});

        // --- accuracy panel ---
        int top2 = 400;
        int bottom2 = 570;
        double minAcc = Math.min(accuracyBar, 1);
        for (Trainer.Epoch e : epochs) {
            minAcc = Math.min(minAcc, Math.min(e.trainAccuracy(), e.heldOutAccuracy()));
        }
        double accLo = Math.max(0, Math.floor(minAcc * 10 - 1e-9) / 10);
        Axis yAcc = new Axis(accLo, 1, bottom2, top2);
        frame(g, left, top2, right, bottom2);
        double step = (1 - accLo) > 0.5 ? 0.2 : (1 - accLo) > 0.2 ? 0.1 : 0.05;
        for (double v = 1; v >= accLo - 1e-9; v -= step) {
            int y = yAcc.px(v);
            gridLine(g, left, y, right, y);
            String label = Math.round(v * 100) + "%";
            BitmapFont.draw(image, label, left - 8 - BitmapFont.width(label, 2), y - 7, 2, DARK);
        }
        xTicks(image, g, xAxis, n, top2, bottom2, true);
        BitmapFont.draw(image, "ACCURACY", 12, top2 - 22, 2, DARK);
        g.setColor(new Color(DARK));
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 5}, 0));
        int barY = yAcc.px(accuracyBar);
        g.drawLine(left, barY, right, barY);
        double[] trainAcc = new double[n];
        double[] heldAcc = new double[n];
        for (int k = 0; k < n; k++) {
            trainAcc[k] = epochs.get(k).trainAccuracy();
            heldAcc[k] = epochs.get(k).heldOutAccuracy();
        }
        polyline(g, xAxis, yAcc, ex, trainAcc, BLUE, 2.5f);
        polyline(g, xAxis, yAcc, ex, heldAcc, ORANGE, 2.5f);
        legend(
                image,
                g,
                right - 330,
                bottom2 - 70,
                new String[] {"TRAINING", "HELD-OUT", "BAR " + Math.round(accuracyBar * 100) + "%"},
                new int[] {BLUE, ORANGE, DARK});
        String xLabel = "EPOCH";
        BitmapFont.draw(image, xLabel, (left + right - BitmapFont.width(xLabel, 2)) / 2, h - 22, 2, DARK);
        g.dispose();
        return image;
    }

    /**
     * What a network trained on 2-d points predicts over the plane: each pixel tinted by the
     * predicted class, the boundary darker, the training points small and the held-out points
     * outlined (a red ring where the network gets one wrong).
     */
    static BufferedImage decisionBoundary(String title, Parameters p, Dataset.Split split, double heldOutAccuracy) {
        int size = 640;
        int margin = 40;
        int top = 50;
        int plot = size - 2 * margin;
        BufferedImage image = new BufferedImage(size, top + plot + 58, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        double lo = -1.25;
        double hi = 1.25;
        Axis xs = new Axis(lo, hi, margin, margin + plot);
        Axis ys = new Axis(lo, hi, top + plot, top);
        int[][] cls = new int[plot][plot];
        double[] point = new double[2];
        for (int py = 0; py < plot; py++) {
            for (int px = 0; px < plot; px++) {
                point[0] = lo + (px + 0.5) * (hi - lo) / plot;
                point[1] = hi - (py + 0.5) * (hi - lo) / plot;
                cls[py][px] = p.predict(point);
            }
        }
        for (int py = 0; py < plot; py++) {
            for (int px = 0; px < plot; px++) {
                int c = cls[py][px];
                boolean edge = (px + 1 < plot && cls[py][px + 1] != c) || (py + 1 < plot && cls[py + 1][px] != c);
                image.setRGB(margin + px, top + py, edge ? 0x555555 : CLASS_TINTS[c % CLASS_TINTS.length]);
            }
        }
        frame(g, margin, top, margin + plot, top + plot);
        Dataset train = split.train();
        for (int e = 0; e < train.size(); e++) {
            dot(g, xs.px(train.x()[e][0]), ys.px(train.x()[e][1]), 2.5, CLASS_COLOURS[train.y()[e] % 4], -1);
        }
        Dataset held = split.heldOut();
        for (int e = 0; e < held.size(); e++) {
            boolean right = p.predict(held.x()[e]) == held.y()[e];
            int px = xs.px(held.x()[e][0]);
            int py = ys.px(held.x()[e][1]);
            dot(g, px, py, 4.5, CLASS_COLOURS[held.y()[e] % 4], 0xffffff);
            if (!right) {
                g.setColor(new Color(RED));
                g.setStroke(new BasicStroke(2.5f));
                g.draw(new Ellipse2D.Double(px - 10, py - 10, 20, 20));
            }
        }
        BitmapFont.draw(image, title, margin, 16, 2, DARK);
        String caption =
                String.format(Locale.ROOT, "HELD-OUT ACCURACY %.1f%%  (RED RING: WRONG)", 100 * heldOutAccuracy);
        BitmapFont.draw(image, caption, margin, top + plot + 12, 2, DARK);
        BitmapFont.draw(image, "SMALL DOTS: TRAINING. OUTLINED: HELD-OUT.", margin, top + plot + 34, 2, DARK);
        g.dispose();
        return image;
    }

    /**
     * The first {@code count} held-out digits as 8×8 grey images, each with the network's answer
     * under it: green when right, red ("predicted/true") when wrong.
     */
    static BufferedImage digitGrid(String title, Parameters p, Dataset heldOut, int count) {
        int columns = 10;
        int rows = (Math.min(count, heldOut.size()) + columns - 1) / columns;
        int pixel = 5;
        int cellW = 8 * pixel + 24;
        int cellH = 8 * pixel + 24;
        int top = 44;
        BufferedImage image =
                new BufferedImage(columns * cellW + 20, top + rows * cellH + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        BitmapFont.draw(image, title, 10, 14, 2, DARK);
        for (int k = 0; k < Math.min(count, heldOut.size()); k++) {
            int x0 = 10 + (k % columns) * cellW + 12;
            int y0 = top + (k / columns) * cellH;
            double[] pixels = heldOut.x()[k];
            for (int i = 0; i < 64; i++) {
                int v = 255 - (int) Math.round(255 * Math.min(1, Math.max(0, pixels[i])));
                g.setColor(new Color(v, v, v));
                g.fillRect(x0 + (i % 8) * pixel, y0 + (i / 8) * pixel, pixel, pixel);
            }
            int predicted = p.predict(pixels);
            boolean right = predicted == heldOut.y()[k];
            String label = right ? String.valueOf(predicted) : predicted + "/" + heldOut.y()[k];
            int lx = x0 + (8 * pixel - BitmapFont.width(label, 2)) / 2;
            BitmapFont.draw(image, label, lx, y0 + 8 * pixel + 4, 2, right ? GREEN : RED);
        }
        g.dispose();
        return image;
    }

    /** Writes {@code image} as PNG, creating the folder if needed. */
    static void writePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- drawing helpers ---

    /** Maps a value range onto a pixel range (reversed when {@code to < from}, as for y). */
    private record Axis(double lo, double hi, int from, int to) {
        int px(double v) {
            return (int) Math.round(from + (v - lo) / (hi - lo) * (to - from));
        }

        double pxExact(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    private static void frame(Graphics2D g, int x0, int y0, int x1, int y1) {
        g.setColor(new Color(DARK));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, x1 - x0, y1 - y0);
    }

    private static void gridLine(Graphics2D g, int x0, int y0, int x1, int y1) {
        g.setColor(new Color(0xe6e6e6));
        g.setStroke(new BasicStroke(1f));
        g.drawLine(x0, y0, x1, y1);
    }

    private static void xTicks(
            BufferedImage image, Graphics2D g, Axis x, int epochs, int top, int bottom, boolean labels) {
        int step = niceStep(epochs);
        for (int e = 0; e <= epochs; e += step) {
            int px = x.px(e);
            gridLine(g, px, top + 1, px, bottom - 1);
            if (labels) {
                String s = String.valueOf(e);
                BitmapFont.draw(image, s, px - BitmapFont.width(s, 2) / 2, bottom + 8, 2, DARK);
            }
        }
    }

    private static int niceStep(int epochs) {
        for (int step : new int[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000}) {
            if (epochs / step <= 10) {
                return step;
            }
        }
        return Math.max(1, epochs / 10);
    }

    private static void polyline(Graphics2D g, Axis x, Axis y, double[] xs, double[] ys, int rgb, float width) {
        if (xs.length == 0) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x.pxExact(xs[0]), y.pxExact(ys[0]));
        for (int k = 1; k < xs.length; k++) {
            path.lineTo(x.pxExact(xs[k]), y.pxExact(ys[k]));
        }
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        if (xs.length == 1) {
            dot(g, x.px(xs[0]), y.px(ys[0]), width + 1, rgb, -1);
        }
    }

    private static void legend(BufferedImage image, Graphics2D g, int x, int y, String[] labels, int[] colours) {
        g.setColor(Color.WHITE);
        g.fillRect(x - 8, y - 6, 330, labels.length * 20 + 8);
        for (int k = 0; k < labels.length; k++) {
            int ly = y + k * 20;
            g.setColor(new Color(colours[k]));
            g.setStroke(new BasicStroke(3f));
            g.drawLine(x, ly + 7, x + 24, ly + 7);
            BitmapFont.draw(image, labels[k], x + 34, ly, 2, DARK);
        }
    }

    private static void dot(Graphics2D g, int x, int y, double radius, int fill, int outline) {
        Ellipse2D.Double circle = new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
        g.setColor(new Color(fill));
        g.fill(circle);
        if (outline >= 0) {
            g.setColor(new Color(outline));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(circle);
        }
    }

    private static String format(double v) {
        if (v >= 1) {
            return String.valueOf((long) Math.round(v));
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s;
    }
}
