/**
 * What only generated code calls: the stacks that carry saved values from the forward sweep to
 * the backward sweep ({@link dev.adjoint.runtime.internal.DoubleStack}, {@link
 * dev.adjoint.runtime.internal.IntStack}, {@link dev.adjoint.runtime.internal.LongStack}), the
 * per-thread arrays a gradient method borrows ({@link dev.adjoint.runtime.internal.ScratchArrays}),
 * and the array helpers of adjoints ({@link dev.adjoint.runtime.internal.Adjoints}).
 *
 * <p>Not for users: these classes are public only because generated classes in the user's
 * packages call them. They may change with any release of Adjoint, in step with the code the
 * processor writes. User code needs {@link dev.adjoint.runtime.Dual}, {@link
 * dev.adjoint.runtime.GradientCheck} and the optimisers of {@link dev.adjoint.runtime}.
 */
package dev.adjoint.runtime.internal;
