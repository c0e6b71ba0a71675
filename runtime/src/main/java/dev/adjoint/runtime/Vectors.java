package dev.adjoint.runtime;

/** The few vector operations the Krylov methods ({@link Lanczos}, {@link NewtonCG}) share. */
final class Vectors {

    private Vectors() {}

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** The Euclidean norm. */
    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    /** y ← y + a x. */
    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** z + τ d, a new array. */
    static double[] moved(double[] z, double tau, double[] d) {
        double[] out = z.clone();
        axpy(tau, d, out);
        return out;
    }
}
