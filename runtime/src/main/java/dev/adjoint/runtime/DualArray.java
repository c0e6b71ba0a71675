package dev.adjoint.runtime;

/**
 * A vector value and its directional derivative: what a generated {@code fTangent} method of a
 * {@code double[]}-valued method returns.
 *
 * @param value the value of the function at the point
 * @param tangent J·t, the derivative of each of its elements along the direction that was passed in
 */
public record DualArray(double[] value, double[] tangent) {}
