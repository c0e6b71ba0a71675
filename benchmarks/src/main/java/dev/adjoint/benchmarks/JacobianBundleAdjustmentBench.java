package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The Jacobian of bundle adjustment's reprojection residuals ({@link BundleAdjustment}), ADBench's
 * BA objective: every observation's 2 × 15 block, written into one array, by the generated {@code
 * reprojectionJacobian} (which picks reverse mode: 2 outputs against 15 inputs) and by hand; and
 * the residuals alone. Target: generated at most 1.5× the hand-written Jacobian.
 */
public class JacobianBundleAdjustmentBench extends BenchmarkSettings {
    /** cameras, points, observations. */
    @Param({"20,2000,10000"})
    public String size;

    BundleAdjustment.Data data;
    double[] residuals;
    double[] jacobian;

    @Setup
    public void setUp() {
        data = data(size);
        residuals = new double[2 * data.observations()];
        jacobian = new double[2 * BundleAdjustment.COLUMNS * data.observations()];
    }

    static BundleAdjustment.Data data(String size) {
        String[] s = size.split(",");
        return new BundleAdjustment.Data(
                Integer.parseInt(s[0].trim()), Integer.parseInt(s[1].trim()), Integer.parseInt(s[2].trim()), 15);
    }

    @Benchmark
    public double[] objective() {
        for (int o = 0; o < data.observations(); o++) {
            double[] e = BundleAdjustment.reprojection(
                    data.cameras[data.cameraOf[o]], data.points[data.pointOf[o]], data.weights[o], data.features[o]);
            residuals[2 * o] = e[0];
            residuals[2 * o + 1] = e[1];
        }
        return residuals;
    }

    @Benchmark
    public double[] handWritten() {
        for (int o = 0; o < data.observations(); o++) {
            BundleAdjustment.handJacobian(
                    data.cameras[data.cameraOf[o]],
                    data.points[data.pointOf[o]],
                    data.weights[o],
                    data.features[o],
                    jacobian,
                    o * 2 * BundleAdjustment.COLUMNS);
        }
        return jacobian;
    }

    @Benchmark
    public double[] adjointJacobian() {
        for (int o = 0; o < data.observations(); o++) {
            BundleAdjustmentGrad.ReprojectionJacobian j = BundleAdjustmentGrad.reprojectionJacobian(
                    data.cameras[data.cameraOf[o]], data.points[data.pointOf[o]], data.weights[o], data.features[o]);
            copyBlock(j, jacobian, o * 2 * BundleAdjustment.COLUMNS);
        }
        return jacobian;
    }

    /** The generated record's components into the hand-written layout (row-major 2 × 15). */
    static void copyBlock(BundleAdjustmentGrad.ReprojectionJacobian j, double[] into, int offset) {
        for (int row = 0; row < 2; row++) {
            int at = offset + row * BundleAdjustment.COLUMNS;
            System.arraycopy(j.dcamera()[row], 0, into, at, BundleAdjustment.CAMERA);
            System.arraycopy(j.dpoint()[row], 0, into, at + BundleAdjustment.CAMERA, 3);
            into[at + BundleAdjustment.COLUMNS - 1] = j.dweight()[row];
        }
    }
}
