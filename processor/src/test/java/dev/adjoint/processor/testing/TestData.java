package dev.adjoint.processor.testing;

/** Inputs for tests: deterministic, of every sign, no two neighbours equal. */
public final class TestData {
    private TestData() {}

    /** {@code n} values sin(1.7·k + phase). */
    public static double[] wave(int n, double phase) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = Math.sin(1.7 * k + phase);
        return v;
    }
}
