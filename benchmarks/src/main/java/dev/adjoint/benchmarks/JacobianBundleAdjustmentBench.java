package dev.adjoint.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The Jacobian of bundle adjustment's reprojection residuals ({@link BundleAdjustment}), ADBench's
 * BA objective: every observation's 2 × 15 block, written into one array (row-major, the layout
 * the hand-written Jacobian fills), by hand, by the generated {@code reprojectionJacobianInto}
 * straight into that array, and by the contract's {@code reprojectionJacobian} whose record is
 * then copied into it (both generated methods pick reverse mode: 2 outputs against 15 inputs);
 * and the residuals alone. Target: generated at most 1.5× the hand-written Jacobian.
 */
public class JacobianBundleAdjustmentBench extends BenchmarkSettings {
    /** cameras, points, observations (the default for runs outside JMH, such as {@link SideBySide}). */
    @Param({"20,2000,10000"})
    public String size = "20,2000,10000";

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

    /** The project's addition {@code fJacobianInto}: each block written in place, no record. */
    @Benchmark
    public double[] adjointJacobianInto() {
        for (int o = 0; o < data.observations(); o++) {
            BundleAdjustmentGrad.reprojectionJacobianInto(
                    data.cameras[data.cameraOf[o]],
                    data.points[data.pointOf[o]],
                    data.weights[o],
                    data.features[o],
                    jacobian,
                    o * 2 * BundleAdjustment.COLUMNS);
        }
        return jacobian;
    }

    /** The contract's {@code fJacobian}: a record per observation, copied into the same layout. */
    @Benchmark
    public double[] adjointJacobian() {
        for (int o = 0; o < data.observations(); o++) {
            BundleAdjustmentGrad.ReprojectionJacobian j = BundleAdjustmentGrad.reprojectionJacobian(
                    data.cameras[data.cameraOf[o]], data.points[data.pointOf[o]], data.weights[o], data.features[o]);
            copyBlock(j, jacobian, o * 2 * BundleAdjustment.COLUMNS);
        }
        return jacobian;
    }

    /**
     * The generated record's components into the hand-written layout (row-major 2 × 15), element by
     * element: for rows of 11 and 3 values plain loops (which the JIT unrolls) cost less than {@code
     * System.arraycopy}'s checks and call, about 0.05× of the hand-written Jacobian's time here.
     */
    static void copyBlock(BundleAdjustmentGrad.ReprojectionJacobian j, double[] into, int offset) {
        double[][] dcamera = j.dcamera();
        double[][] dpoint = j.dpoint();
        double[] dweight = j.dweight();
        for (int row = 0; row < 2; row++) {
            int at = offset + row * BundleAdjustment.COLUMNS;
            double[] camera = dcamera[row];
            double[] point = dpoint[row];
            for (int k = 0; k < BundleAdjustment.CAMERA; k++) into[at + k] = camera[k];
            for (int k = 0; k < 3; k++) into[at + BundleAdjustment.CAMERA + k] = point[k];
            into[at + BundleAdjustment.COLUMNS - 1] = dweight[row];
        }
    }
}
