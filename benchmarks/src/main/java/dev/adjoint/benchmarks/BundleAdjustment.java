package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import java.util.SplittableRandom;

/**
 * The reprojection residual of bundle adjustment as ADBench defines it ({@code
 * computeReprojError}): a camera of 11 parameters — a rotation as an angle-axis vector (Rodrigues),
 * the centre, the focal length, the principal point and two radial-distortion coefficients — sees
 * a 3-D point; the residual is the weighted difference between where the point projects and where
 * it was observed. Bundle adjustment's Jacobian is sparse: each observation's 2 residuals depend on
 * its camera's 11 parameters, its point's 3 and its weight, so ADBench (and this benchmark) asks
 * for the dense 2 × 15 block of every observation.
 *
 * <p>{@link #reprojection} is written once, as plain Java; Adjoint generates its Jacobian ({@code
 * BundleAdjustmentGrad.reprojectionJacobian}). {@link #handJacobian} is the same block by hand,
 * the chain rule through each stage written out; the tests check it against finite differences.
 */
public final class BundleAdjustment {
    private BundleAdjustment() {}

    /** Camera parameters: rotation (3), centre (3), focal length, principal point (2), distortion (2). */
    public static final int CAMERA = 11;

    /** Columns of an observation's Jacobian block: camera, point, weight. */
    public static final int COLUMNS = CAMERA + 3 + 1;

    /**
     * The weighted reprojection error of {@code point} seen by {@code camera} where {@code feature}
     * was observed: rotate the point, relative to the camera's centre, by Rodrigues's formula (or
     * by its first-order form at a zero angle, as ADBench does), project it (divide by depth),
     * distort it radially by 1 + κ₁r² + κ₂r⁴, scale by the focal length, shift by the principal
     * point, subtract the observation and multiply by {@code weight}.
     */
    @Differentiable(wrt = {"camera", "point", "weight"})
    public static double[] reprojection(double[] camera, double[] point, double weight, double[] feature) {
        double y0 = point[0] - camera[3];
        double y1 = point[1] - camera[4];
        double y2 = point[2] - camera[5];
        double sqTheta = camera[0] * camera[0] + camera[1] * camera[1] + camera[2] * camera[2];
        double r0 = y0 + camera[1] * y2 - camera[2] * y1;
        double r1 = y1 + camera[2] * y0 - camera[0] * y2;
        double r2 = y2 + camera[0] * y1 - camera[1] * y0;
        if (sqTheta != 0) {
            double theta = Math.sqrt(sqTheta);
            double cos = Math.cos(theta);
            double sin = Math.sin(theta);
            double a0 = camera[0] / theta;
            double a1 = camera[1] / theta;
            double a2 = camera[2] / theta;
            double along = (a0 * y0 + a1 * y1 + a2 * y2) * (1 - cos);
            r0 = y0 * cos + (a1 * y2 - a2 * y1) * sin + a0 * along;
            r1 = y1 * cos + (a2 * y0 - a0 * y2) * sin + a1 * along;
            r2 = y2 * cos + (a0 * y1 - a1 * y0) * sin + a2 * along;
        }
        double p0 = r0 / r2;
        double p1 = r1 / r2;
        double rSq = p0 * p0 + p1 * p1;
        double distortion = 1 + camera[9] * rSq + camera[10] * rSq * rSq;
        double[] error = new double[2];
        error[0] = weight * (camera[6] * p0 * distortion + camera[7] - feature[0]);
        error[1] = weight * (camera[6] * p1 * distortion + camera[8] - feature[1]);
        return error;
    }

    /**
     * The 2 × {@link #COLUMNS} Jacobian block of {@link #reprojection}, by hand, into {@code jacobian}
     * from {@code offset}, row-major (camera's 11 columns, the point's 3, the weight). Each stage's
     * derivative is applied backwards from the error, a row at a time: error ← projected point p
     * (focal length, distortion) ← rotated point R (division by depth) ← rotation and centre.
     */
    public static void handJacobian(
            double[] camera, double[] point, double weight, double[] feature, double[] jacobian, int offset) {
        double y0 = point[0] - camera[3];
        double y1 = point[1] - camera[4];
        double y2 = point[2] - camera[5];
        double sqTheta = camera[0] * camera[0] + camera[1] * camera[1] + camera[2] * camera[2];
        boolean rotates = sqTheta != 0;
        double theta = rotates ? Math.sqrt(sqTheta) : 0;
        double cos = rotates ? Math.cos(theta) : 1;
        double sin = rotates ? Math.sin(theta) : 0;
        // the axis a; at a zero angle R = Y + rot × Y, the same formulas with a = rot, sin = 1, cos = 1
        double a0 = rotates ? camera[0] / theta : camera[0];
        double a1 = rotates ? camera[1] / theta : camera[1];
        double a2 = rotates ? camera[2] / theta : camera[2];
        double s = rotates ? sin : 1;
        double oneMinusCos = 1 - cos;
        double aDotY = a0 * y0 + a1 * y1 + a2 * y2;
        double c0 = a1 * y2 - a2 * y1;
        double c1 = a2 * y0 - a0 * y2;
        double c2 = a0 * y1 - a1 * y0;
        double r0 = y0 * cos + c0 * s + a0 * aDotY * oneMinusCos;
        double r1 = y1 * cos + c1 * s + a1 * aDotY * oneMinusCos;
        double r2 = y2 * cos + c2 * s + a2 * aDotY * oneMinusCos;
        double inverseDepth = 1 / r2;
        double p0 = r0 * inverseDepth;
        double p1 = r1 * inverseDepth;
        double rSq = p0 * p0 + p1 * p1;
        double distortion = 1 + camera[9] * rSq + camera[10] * rSq * rSq;
        double dDistortion = 2 * (camera[9] + 2 * camera[10] * rSq); // ∂distortion/∂p = this · p
        double focal = camera[6];
        double[] p = {p0, p1};
        for (int row = 0; row < 2; row++) {
            int at = offset + row * COLUMNS;
            double pi = p[row];
            // ∂e/∂p_j = w f (distortion δ_ij + p_i · dDistortion · p_j)
            double e0 = weight * focal * ((row == 0 ? distortion : 0) + pi * dDistortion * p0);
            double e1 = weight * focal * ((row == 1 ? distortion : 0) + pi * dDistortion * p1);
            // q = ∂e/∂R through p = (R0, R1) / R2
            double q0 = e0 * inverseDepth;
            double q1 = e1 * inverseDepth;
            double q2 = -(e0 * p0 + e1 * p1) * inverseDepth;
            // ∂e/∂Y = qᵀ M, M = cos I + s [a]× + (1 − cos) a aᵀ (the rotation matrix)
            double qDotA = q0 * a0 + q1 * a1 + q2 * a2;
            double g0 = q0 * cos + (q1 * a2 - q2 * a1) * s + a0 * qDotA * oneMinusCos;
            double g1 = q1 * cos + (q2 * a0 - q0 * a2) * s + a1 * qDotA * oneMinusCos;
            double g2 = q2 * cos + (q0 * a1 - q1 * a0) * s + a2 * qDotA * oneMinusCos;
            // ∂e/∂rotation
            double qCrossY0 = q1 * y2 - q2 * y1;
            double qCrossY1 = q2 * y0 - q0 * y2;
            double qCrossY2 = q0 * y1 - q1 * y0;
            if (rotates) {
                // qᵀ ∂R/∂θ, then u = qᵀ ∂R/∂a; rotation = θ a: ∂e/∂rot = (qᵀ∂R/∂θ) a + (u − (u·a) a)/θ
                double qDotC = q0 * c0 + q1 * c1 + q2 * c2;
                double qDotY = q0 * y0 + q1 * y1 + q2 * y2;
                double byTheta = -sin * qDotY + cos * qDotC + sin * aDotY * qDotA;
                double u0 = -sin * qCrossY0 + oneMinusCos * (aDotY * q0 + qDotA * y0);
                double u1 = -sin * qCrossY1 + oneMinusCos * (aDotY * q1 + qDotA * y1);
                double u2 = -sin * qCrossY2 + oneMinusCos * (aDotY * q2 + qDotA * y2);
                double uDotA = u0 * a0 + u1 * a1 + u2 * a2;
                jacobian[at] = byTheta * a0 + (u0 - uDotA * a0) / theta;
                jacobian[at + 1] = byTheta * a1 + (u1 - uDotA * a1) / theta;
                jacobian[at + 2] = byTheta * a2 + (u2 - uDotA * a2) / theta;
            } else {
                // R = Y + rot × Y: qᵀ ∂(rot × Y)/∂rot = −qᵀ[Y]×, the row −(q × Y)
                jacobian[at] = -qCrossY0;
                jacobian[at + 1] = -qCrossY1;
                jacobian[at + 2] = -qCrossY2;
            }
            jacobian[at + 3] = -g0;
            jacobian[at + 4] = -g1;
            jacobian[at + 5] = -g2;
            jacobian[at + 6] = weight * pi * distortion;
            jacobian[at + 7] = row == 0 ? weight : 0;
            jacobian[at + 8] = row == 1 ? weight : 0;
            jacobian[at + 9] = weight * focal * pi * rSq;
            jacobian[at + 10] = weight * focal * pi * rSq * rSq;
            jacobian[at + 11] = g0;
            jacobian[at + 12] = g1;
            jacobian[at + 13] = g2;
            jacobian[at + 14] = focal * pi * distortion + camera[7 + row] - feature[row];
        }
    }

    /** A synthetic problem shaped like ADBench's: cameras, points, and who sees what where. */
    public static final class Data {
        public final double[][] cameras;
        public final double[][] points;
        public final double[] weights;
        public final double[][] features;
        /** Per observation: its camera and its point. */
        public final int[] cameraOf;

        public final int[] pointOf;

        /**
         * {@code observations} observations of {@code pointCount} points by {@code cameraCount}
         * cameras, seeded: small rotations, points about 5 units in front of the cameras, focal
         * lengths near 500 (pixels), distortion a few per cent at the image's edge, features the
         * projections plus noise, weights near 1.
         */
        public Data(int cameraCount, int pointCount, int observations, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            cameras = new double[cameraCount][CAMERA];
            for (double[] c : cameras) {
                for (int j = 0; j < 3; j++) {
                    c[j] = 0.2 * (random.nextDouble() - 0.5);
                    c[3 + j] = 0.5 * (random.nextDouble() - 0.5);
                }
                c[6] = 450 + 100 * random.nextDouble();
                c[7] = random.nextDouble() - 0.5;
                c[8] = random.nextDouble() - 0.5;
                c[9] = 0.05 * (random.nextDouble() - 0.5);
                c[10] = 0.01 * (random.nextDouble() - 0.5);
            }
            points = new double[pointCount][];
            for (int i = 0; i < pointCount; i++) {
                points[i] =
                        new double[] {random.nextDouble() - 0.5, random.nextDouble() - 0.5, 4 + 2 * random.nextDouble()
                        };
            }
            weights = new double[observations];
            features = new double[observations][];
            cameraOf = new int[observations];
            pointOf = new int[observations];
            for (int o = 0; o < observations; o++) {
                cameraOf[o] = o % cameraCount;
                pointOf[o] = (int) ((long) o * pointCount / observations);
                weights[o] = 1;
                double[] projected = reprojection(cameras[cameraOf[o]], points[pointOf[o]], 1, new double[2]);
                features[o] = new double[] {projected[0] + random.nextGaussian(), projected[1] + random.nextGaussian()};
                weights[o] = 0.8 + 0.4 * random.nextDouble();
            }
        }

        public int observations() {
            return weights.length;
        }
    }
}
