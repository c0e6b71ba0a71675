package dev.adjoint.runtime;

/** Argument checks shared by the optimisers. */
final class OptimizerChecks {

    private OptimizerChecks() {}

    /** Throws unless both arrays are non-null and have the same length. */
    static void requireSameLength(double[] params, double[] gradient) {
        if (params == null || gradient == null) {
            throw new NullPointerException(params == null ? "params" : "gradient");
        }
        if (params.length != gradient.length) {
            throw new IllegalArgumentException(
                    "gradient has length " + gradient.length + " but params has length " + params.length);
        }
    }

    /** Throws unless {@code value} is positive and finite. */
    static double requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + value);
        }
        return value;
    }

    /** Throws unless {@code 0 <= value < 1}. */
    static double requireFraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
        return value;
    }
}
