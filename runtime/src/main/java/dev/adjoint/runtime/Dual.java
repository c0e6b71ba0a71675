package dev.adjoint.runtime;

/**
 * A value and its directional derivative: what a generated {@code mTangent} method returns.
 *
 * @param value the value of the function at the point
 * @param tangent the derivative of the function along the direction that was passed in
 */
public record Dual(double value, double tangent) {}
