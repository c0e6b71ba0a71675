/**
 * The annotations of Adjoint: {@link dev.adjoint.Differentiable} marks a method to differentiate;
 * {@link dev.adjoint.DifferentiatedParameters} is written by the processor on generated code.
 * Both are kept in class files only, so a module needs them at compile time alone ({@code
 * requires static dev.adjoint.annotations}).
 */
module dev.adjoint.annotations {
    exports dev.adjoint;
}
