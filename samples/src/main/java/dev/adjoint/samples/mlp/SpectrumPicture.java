package dev.adjoint.samples.mlp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Hessian spectra drawn as strips of tick marks on one horizontal axis, one strip per row: the
 * dense Hessian's eigenvalues in grey (when known), the Lanczos Ritz values in colour — dark
 * where the residual bound says the value has converged, pale where it has not.
 *
 * <p>A loss Hessian's eigenvalues span many decades on both sides of zero (a few large outliers,
 * a bulk near zero, small negative ones), so the axis is the "symmetric log" s(λ) = sign(λ)
 * log10(1 + |λ|/τ): linear within τ of zero, logarithmic beyond, with τ = {@value #LINEAR_WIDTH}.
 */
final class SpectrumPicture {

    /** The half-width τ of the linear part of the axis. */
    static final double LINEAR_WIDTH = 1e-3;

    private static final int WIDTH = 1000;
    private static final int LEFT = 40;
    private static final int RIGHT = WIDTH - 40;
    private static final int ROW_HEIGHT = 110;
    private static final int TOP = 60;

    private SpectrumPicture() {}

    /**
     * One strip.
     *
     * @param label its caption
     * @param exact the exact eigenvalues (grey), or null
     * @param ritz the Ritz values
     * @param residuals their residual bounds, same length
     */
    record Row(String label, double[] exact, double[] ritz, double[] residuals) {}

    static BufferedImage draw(String title, List<Row> rows) {
        int height = TOP + rows.size() * ROW_HEIGHT + 50;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        BitmapFont.draw(image, title, LEFT, 16, 2, Pictures.DARK);

        double reach = LINEAR_WIDTH;
        for (Row row : rows) {
            reach = Math.max(reach, largestMagnitude(row.ritz()));
            if (row.exact() != null) {
                reach = Math.max(reach, largestMagnitude(row.exact()));
            }
        }
        double extent = symlog(reach * 1.2);

        int y = TOP;
        for (Row row : rows) {
            BitmapFont.draw(image, row.label(), LEFT, y, 2, Pictures.DARK);
            int stripTop = y + 24;
            int stripBottom = y + ROW_HEIGHT - 30;
            g.setColor(new Color(0xf4f4f4));
            g.fillRect(LEFT, stripTop, RIGHT - LEFT, stripBottom - stripTop);
            g.setColor(new Color(0xdddddd));
            int zero = px(0, extent);
            g.drawLine(zero, stripTop - 4, zero, stripBottom + 4);
            if (row.exact() != null) {
                g.setColor(new Color(Pictures.GREY));
                g.setStroke(new BasicStroke(1f));
                int mid = (stripTop + stripBottom) / 2;
                for (double v : row.exact()) {
                    int x = px(v, extent);
                    g.drawLine(x, mid, x, stripBottom);
                }
            }
            double scale = largestMagnitude(row.ritz());
            g.setStroke(new BasicStroke(2f));
            int ritzBottom = row.exact() != null ? (stripTop + stripBottom) / 2 : stripBottom;
            for (int i = 0; i < row.ritz().length; i++) {
                boolean converged = row.residuals()[i] <= 1e-6 * scale;
                g.setColor(new Color(converged ? Pictures.BLUE : 0xa9c9e6));
                int x = px(row.ritz()[i], extent);
                g.drawLine(x, stripTop, x, ritzBottom);
            }
            y += ROW_HEIGHT;
        }
        axisLabels(image, g, extent, y - 22);
        g.dispose();
        return image;
    }

    private static void axisLabels(BufferedImage image, Graphics2D g, double extent, int y) {
        g.setColor(new Color(Pictures.DARK));
        for (double decade = LINEAR_WIDTH * 10; symlog(decade) <= extent; decade *= 10) {
            for (double v : new double[] {-decade, decade}) {
                int x = px(v, extent);
                g.drawLine(x, y - 6, x, y);
                String label = String.format(Locale.ROOT, "%.0e", v)
                        .replace("e+0", "E")
                        .replace("e-0", "E-")
                        .replace("e+", "E")
                        .replace("e-", "E-");
                BitmapFont.draw(image, label, x - BitmapFont.width(label, 1) / 2, y + 4, 1, Pictures.DARK);
            }
        }
        int zero = px(0, extent);
        g.drawLine(zero, y - 6, zero, y);
        BitmapFont.draw(image, "0", zero - 2, y + 4, 1, Pictures.DARK);
    }

    /** sign(λ) log10(1 + |λ|/τ). */
    static double symlog(double v) {
        return Math.copySign(Math.log10(1 + Math.abs(v) / LINEAR_WIDTH), v);
    }

    private static int px(double v, double extent) {
        return (int) Math.round(LEFT + (symlog(v) + extent) / (2 * extent) * (RIGHT - LEFT));
    }

    private static double largestMagnitude(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
