package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainMlpTest {

    private static final PrintStream QUIET =
            new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void spiralsClearTheStatedBarOnTheHeldOutSplit() {
        TrainMlp.Task task = TrainMlp.Task.spirals();
        Trainer.Result r = Trainer.train(task.split(), task.config(), e -> {});
        double accuracy = r.last().heldOutAccuracy();
        assertTrue(accuracy >= TrainMlp.SPIRALS_BAR, "held-out accuracy " + accuracy);
        // and it really learned: the loss fell from chance (log 2) to a fraction of it
        assertTrue(r.epochs().get(0).trainLoss() > 0.6, r.epochs().get(0)::toString);
        assertTrue(r.last().heldOutLoss() < 0.25, r.last()::toString);
    }

    @Test
    void digitsClearTheStatedBarOnTheHeldOutSplit() {
        TrainMlp.Task task = TrainMlp.Task.digits();
        Trainer.Result r = Trainer.train(task.split(), task.config(), e -> {});
        double accuracy = r.last().heldOutAccuracy();
        assertTrue(accuracy >= TrainMlp.DIGITS_BAR, "held-out accuracy " + accuracy);
    }

    @Test
    void trainingIsDeterministic() {
        TrainMlp.Task task = TrainMlp.Task.spirals().withEpochs(3);
        Trainer.Result a = Trainer.train(task.split(), task.config(), e -> {});
        Trainer.Result b = Trainer.train(task.split(), task.config(), e -> {});
        assertTrue(Arrays.equals(a.parameters().flatten(), b.parameters().flatten()));
        assertTrue(Arrays.equals(a.batchLosses(), b.batchLosses()));
    }

    @Test
    void digitsAreTheUciSet() {
        Dataset d = Dataset.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        int[] counts = new int[10];
        for (int e = 0; e < d.size(); e++) {
            counts[d.y()[e]]++;
            for (double v : d.x()[e]) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
        for (int c : counts) {
            assertTrue(c >= 170 && c <= 190, Arrays.toString(counts));
        }
    }

    @Test
    void theSplitIsStratifiedDisjointAndComplete() {
        Dataset d = Dataset.spirals(1);
        Dataset.Split s = d.split(0.2, 3);
        assertEquals(d.size(), s.train().size() + s.heldOut().size());
        assertEquals(120, s.heldOut().size());
        assertEquals(60, Arrays.stream(s.heldOut().y()).filter(c -> c == 0).count());
        Set<double[]> seen = new HashSet<>(Arrays.asList(s.train().x()));
        for (double[] row : s.heldOut().x()) {
            assertTrue(seen.add(row), "held-out example also in training");
        }
        assertTrue(Arrays.deepEquals(s.heldOut().x(), d.split(0.2, 3).heldOut().x()));
    }

    @Test
    void mainChecksTheGradientReportsEachEpochAndWritesThePictures(@TempDir Path out) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            TrainMlp.main(new String[] {"all", "2", out.toString()});
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.split("Gradient check passed", -1).length - 1, text);
        assertTrue(text.contains("epoch 1/2"), text);
        assertTrue(text.contains("examples/s"), text);
        for (String name : new String[] {
            "spirals-loss.png", "spirals-decision-boundary.png", "digits-loss.png", "digits-held-out.png"
        }) {
            Path file = out.resolve(name);
            assertTrue(Files.size(file) > 1000, name);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, name);
            assertTrue(image.getWidth() > 300 && image.getHeight() > 300, name);
            assertTrue(text.contains(file.toString()), text);
        }
    }

    @Test
    void runReturnsTheOutcome(@TempDir Path out) {
        TrainMlp.Outcome o = TrainMlp.run(TrainMlp.Task.spirals().withEpochs(1), out, QUIET);
        assertTrue(o.check().passed());
        assertEquals(1, o.result().epochs().size());
        assertEquals(2, o.pictures().size());
    }
}
