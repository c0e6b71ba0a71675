package dev.adjoint.benchmarks;

import static dev.adjoint.benchmarks.AdjointAgainstHandTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bundle-adjustment residual's hand-written Jacobian against central differences, and the
 * generated Jacobian against the hand-written one, at random cameras (and one that does not
 * rotate, ADBench's other branch) and in the benchmark itself.
 */
class BundleAdjustmentTest {

    private static final int COLUMNS = BundleAdjustment.COLUMNS;

    /** Column j of the block by central differences: camera, point, weight moved in turn. */
    static double[] centralDifferences(double[] camera, double[] point, double weight, double[] feature) {
        double[] block = new double[2 * COLUMNS];
        for (int j = 0; j < COLUMNS; j++) {
            double[] c = camera.clone();
            double[] x = point.clone();
            double[] up;
            double[] down;
            double h;
            if (j < BundleAdjustment.CAMERA) {
                h = 1e-6 * Math.max(1, Math.abs(c[j]));
                c[j] += h;
                up = BundleAdjustment.reprojection(c, x, weight, feature);
                c[j] -= 2 * h;
                down = BundleAdjustment.reprojection(c, x, weight, feature);
            } else if (j < COLUMNS - 1) {
                int i = j - BundleAdjustment.CAMERA;
                h = 1e-6 * Math.max(1, Math.abs(x[i]));
                x[i] += h;
                up = BundleAdjustment.reprojection(c, x, weight, feature);
                x[i] -= 2 * h;
                down = BundleAdjustment.reprojection(c, x, weight, feature);
            } else {
                h = 1e-6;
                up = BundleAdjustment.reprojection(c, x, weight + h, feature);
                down = BundleAdjustment.reprojection(c, x, weight - h, feature);
            }
            for (int row = 0; row < 2; row++) {
                block[row * COLUMNS + j] = (up[row] - down[row]) / (2 * h);
            }
        }
        return block;
    }

    static double[] generatedBlock(double[] camera, double[] point, double weight, double[] feature) {
        double[] block = new double[2 * COLUMNS];
        JacobianBundleAdjustmentBench.copyBlock(
                BundleAdjustmentGrad.reprojectionJacobian(camera, point, weight, feature), block, 0);
        return block;
    }

    @Test
    void handWrittenJacobianMatchesDifferencesAndTheGeneratedOne() {
        BundleAdjustment.Data data = new BundleAdjustment.Data(5, 20, 40, 3);
        SplittableRandom random = new SplittableRandom(8);
        for (int o = 0; o < data.observations(); o++) {
            double[] camera = data.cameras[data.cameraOf[o]].clone();
            if (o == 0) {
                camera[0] = camera[1] = camera[2] = 0; // ADBench's branch for a zero angle
            } else {
                for (int j = 0; j < 3; j++) {
                    camera[j] += random.nextDouble() - 0.5; // rotations of up to about a radian
                }
            }
            double[] point = data.points[data.pointOf[o]];
            double weight = data.weights[o];
            double[] feature = data.features[o];
            double[] hand = new double[2 * COLUMNS];
            BundleAdjustment.handJacobian(camera, point, weight, feature, hand, 0);
            close(centralDifferences(camera, point, weight, feature), hand, 1e-6, "hand against differences, " + o);
            close(hand, generatedBlock(camera, point, weight, feature), 1e-13, "generated against hand, " + o);
        }
    }

    /** Every generated method stays JIT-compilable (8,000 bytes), as the other objectives' do. */
    @Test
    void generatedMethodsAreSmallEnoughToCompile() throws java.io.IOException {
        assertEquals(List.of(), GeneratedMethodSizeTest.tooBig(BundleAdjustmentGrad.class));
    }

    @Test
    void benchmarkJacobiansAgree() {
        JacobianBundleAdjustmentBench bench = new JacobianBundleAdjustmentBench();
        bench.size = "20,2000,10000";
        bench.setUp();
        double[] hand = bench.handWritten().clone();
        double[] generated = bench.adjointJacobian().clone();
        close(hand, generated, 1e-13, "every block");
        java.util.Arrays.fill(bench.jacobian, Double.NaN);
        double[] into = bench.adjointJacobianInto();
        for (int k = 0; k < into.length; k++) {
            assertEquals(generated[k], into[k], 0, "fJacobianInto against fJacobian, entry " + k);
        }
        double[] residuals = bench.objective();
        assertEquals(2 * 10_000, residuals.length);
        // the features are projections plus unit noise: residuals of about the weight's size
        double squares = 0;
        for (double r : residuals) {
            squares += r * r;
        }
        double rms = Math.sqrt(squares / residuals.length);
        assertTrue(rms > 0.5 && rms < 1.5, "rms " + rms);
    }
}
