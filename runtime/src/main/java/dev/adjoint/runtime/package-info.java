/**
 * What user code of Adjoint calls: {@link dev.adjoint.runtime.Dual}, the value and derivative a
 * forward-mode method returns; {@link dev.adjoint.runtime.GradientCheck}, which compares a
 * gradient with finite differences; and the optimisers ({@link dev.adjoint.runtime.Sgd}, {@link
 * dev.adjoint.runtime.Momentum}, {@link dev.adjoint.runtime.Adam}). What only generated code
 * calls lives in {@code dev.adjoint.runtime.internal}.
 */
package dev.adjoint.runtime;
