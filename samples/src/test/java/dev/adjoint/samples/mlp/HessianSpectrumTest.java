package dev.adjoint.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Lanczos;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HessianSpectrumTest {

    /** Lanczos steps in the test: half the sample's, on a 310-weight network. */
    private static final int STEPS = 30;

    /**
     * On the 64-4-10 network (310 weights) at initialisation and after training, 30 Lanczos steps
     * give the dense Hessian's largest eigenvalue to a relative 1e-12 and its smallest to 1e-9 of
     * the spectral radius, and every Ritz value lies within its residual bound of a dense
     * eigenvalue.
     */
    @Test
    void lanczosAgreesWithTheDenseHessianOfASmallNetwork() {
        Dataset.Split split = TrainMlp.Task.digits().split();
        Dataset batch = HessianSpectrum.curvatureBatch(split.train());
        Trainer.Config config = HessianSpectrum.SMALL;
        Parameters initial = Trainer.initialParameters(split.train(), config);
        Parameters trained = Trainer.train(split, config, epoch -> {}).parameters();
        for (Parameters p : List.of(initial, trained)) {
            HessianSpectrum.Comparison c = HessianSpectrum.compareWithDense(p, batch, config.lambda(), STEPS);
            assertEquals(310, c.dense().length);
            assertTrue(c.largestRelativeError() < 1e-12, "largest: " + c.largestRelativeError());
            assertTrue(c.smallestRelativeError() < 1e-9, "smallest: " + c.smallestRelativeError());
            assertTrue(c.dense()[0] < 0, "ReLU networks' losses are not convex here");
            Lanczos.Result r = c.lanczos();
            for (int i = 0; i < r.steps(); i++) {
                double distance = Double.POSITIVE_INFINITY;
                for (double lambda : c.dense()) {
                    distance = Math.min(distance, Math.abs(r.ritzValues()[i] - lambda));
                }
                assertTrue(
                        distance <= r.residuals()[i] + 1e-12 * Math.abs(c.dense()[309]),
                        "Ritz value " + r.ritzValues()[i] + " is " + distance + " from the spectrum, bound "
                                + r.residuals()[i]);
            }
        }
    }

    @Test
    void spectrumPictureIsWritten(@TempDir Path folder) throws Exception {
        Dataset batch =
                HessianSpectrum.curvatureBatch(TrainMlp.Task.digits().split().train());
        Parameters p = Trainer.initialParameters(batch, HessianSpectrum.SMALL);
        HessianSpectrum.Comparison c = HessianSpectrum.compareWithDense(p, batch, 1e-4, 10);
        Path file = folder.resolve("spectrum.png");
        Pictures.writePng(
                SpectrumPicture.draw(
                        "test",
                        List.of(new SpectrumPicture.Row(
                                "row",
                                c.dense(),
                                c.lanczos().ritzValues(),
                                c.lanczos().residuals()))),
                file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1000, image.getWidth());
        assertTrue(Files.size(file) > 1000);
        // the largest Ritz value's tick is drawn in the converged colour on the strip's top half
        double extent = SpectrumPicture.symlog(1.2 * Math.max(Math.abs(c.dense()[0]), Math.abs(c.dense()[309])));
        int x = (int) Math.round(40 + (SpectrumPicture.symlog(c.lanczos().largest()) + extent) / (2 * extent) * 920);
        assertEquals(Pictures.BLUE, image.getRGB(x, 60 + 30) & 0xffffff);
    }
}
