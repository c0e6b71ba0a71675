package dev.adjoint.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Measures the reverse mode's stacks at their fullest against the number of time steps, with and
 * without {@code @Checkpointed}, for Lotka–Volterra (2 state variables) and the diffusion–reaction
 * solver (400 cells), and draws them on log–log axes with plain Java2D: a PNG and the figures as a
 * Markdown table. Run {@code java -cp ... dev.adjoint.benchmarks.CheckpointMemoryPlot [directory]}
 * (default {@code benchmarks/results}).
 */
public final class CheckpointMemoryPlot {
    private CheckpointMemoryPlot() {}

    /** One measured curve: its name, colour, and the peak bytes at each step count. */
    record Curve(String name, Color color, long[] steps, long[] bytes) {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        Files.createDirectories(out);
        double[] rates = LotkaVolterra.rates();
        long[] odeSteps = {1_000, 10_000, 100_000, 1_000_000, 4_000_000};
        long[] pdeSteps = {50, 200, 800, 2_000, 8_000};
        List<Curve> curves = new ArrayList<>();
        curves.add(measure(
                "Lotka–Volterra, unmarked",
                new Color(200, 60, 40),
                odeSteps,
                s -> StackPeaks.bytes(() -> LotkaVolterraGrad.plain(rates, 10, 5, s, LotkaVolterra.H))));
        curves.add(measure(
                "Lotka–Volterra, @Checkpointed",
                new Color(40, 110, 200),
                odeSteps,
                s -> StackPeaks.bytes(() -> LotkaVolterraGrad.checkpointed(rates, 10, 5, s, LotkaVolterra.H))));
        curves.add(measure("diffusion–reaction 400 cells, unmarked", new Color(230, 150, 30), pdeSteps, s -> {
            DiffusionReaction.Data p = DiffusionReaction.Data.of(400, s);
            return StackPeaks.bytes(
                    () -> DiffusionReactionGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), s, p.dt(), p.dx()));
        }));
        curves.add(measure("diffusion–reaction 400 cells, @Checkpointed", new Color(40, 160, 90), pdeSteps, s -> {
            DiffusionReaction.Data p = DiffusionReaction.Data.of(400, s);
            return StackPeaks.bytes(() ->
                    DiffusionReactionCheckpointedGrad.copyBack(p.u0(), p.d(), p.r(), p.target(), s, p.dt(), p.dx()));
        }));
        ImageIO.write(draw(curves), "png", out.resolve("checkpoint-memory.png").toFile());
        Files.writeString(out.resolve("checkpoint-memory.md"), table(curves));
        System.out.print(table(curves));
    }

    private interface Peak {
        long at(int steps);
    }

    private static Curve measure(String name, Color color, long[] steps, Peak peak) {
        long[] bytes = new long[steps.length];
        for (int i = 0; i < steps.length; i++) bytes[i] = peak.at((int) steps[i]);
        return new Curve(name, color, steps, bytes);
    }

    private static String table(List<Curve> curves) {
        StringBuilder s = new StringBuilder("| loop | steps | stacks' peak (bytes) |\n| --- | ---: | ---: |\n");
        for (Curve c : curves)
            for (int i = 0; i < c.steps().length; i++)
                s.append(String.format("| %s | %,d | %,d |%n", c.name(), c.steps()[i], c.bytes()[i]));
        return s.toString();
    }

    private static final int WIDTH = 900, HEIGHT = 560, LEFT = 90, RIGHT = 30, TOP = 40, BOTTOM = 70;

    private static BufferedImage draw(List<Curve> curves) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        // decades covering every point
        double minX = 1, maxX = 7, minY = 2, maxY = 9;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = (int) minX; d <= maxX; d++) {
            int x = px(d, minX, maxX);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString("10^" + d, x - 12, HEIGHT - BOTTOM + 18);
        }
        for (int d = (int) minY; d <= maxY; d++) {
            int y = py(d, minY, maxY);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString("10^" + d + " B", LEFT - 60, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString("time steps", WIDTH / 2 - 30, HEIGHT - 25);
        g.drawString("reverse mode: the stacks' peak against the number of time steps (log–log)", LEFT, 25);
        int legend = TOP + 20;
        for (Curve c : curves) {
            g.setColor(c.color());
            g.setStroke(new BasicStroke(2.5f));
            int[] xs = new int[c.steps().length], ys = new int[c.steps().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = px(Math.log10(c.steps()[i]), minX, maxX);
                ys[i] = py(Math.log10(Math.max(1, c.bytes()[i])), minY, maxY);
                g.fillOval(xs[i] - 4, ys[i] - 4, 8, 8);
            }
            g.drawPolyline(xs, ys, xs.length);
            g.drawLine(LEFT + 15, legend, LEFT + 45, legend);
            g.setColor(Color.BLACK);
            g.drawString(c.name(), LEFT + 52, legend + 4);
            legend += 18;
        }
        g.dispose();
        return image;
    }

    private static int px(double decade, double min, double max) {
        return LEFT + (int) Math.round((decade - min) / (max - min) * (WIDTH - LEFT - RIGHT));
    }

    private static int py(double decade, double min, double max) {
        return HEIGHT - BOTTOM - (int) Math.round((decade - min) / (max - min) * (HEIGHT - TOP - BOTTOM));
    }
}
