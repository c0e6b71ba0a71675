/**
 * What generated derivative code and its users call: {@link dev.adjoint.runtime.Dual}, the
 * optimisers, {@link dev.adjoint.runtime.GradientCheck} and the stacks and scratch arrays that
 * reverse-mode code uses. No dependencies.
 */
module dev.adjoint.runtime {
    exports dev.adjoint.runtime;
}
