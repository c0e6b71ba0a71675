package dev.adjoint.processor.diagnostics;

import org.junit.jupiter.api.Test;

/**
 * Errors of {@code @Checkpointed} (frontend/CheckpointedLoops.java), each at the loop it marks: a
 * loop nested in another loop or a branch, a loop that is not counted, a loop that calls a method,
 * a method that returns {@code double[]} or is differentiated twice, and an {@code every} that is
 * not a constant of at least 0. None of them is checkpointed silently in some other way.
 */
class CheckpointDiagnosticsTest {

    @Test
    void checkpointedLoopsAreCountedTopLevelLoopsWithoutCalls() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Checkpointed;
        import dev.adjoint.Differentiable;

        final class Loops {
          @Differentiable
          static double nested(double x, int n) {
            for (int i = 0; i < n; i++) {
              for (@Checkpointed int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop inside another loop or a branch ... outermost time loop
            }
            return x;
          }

          @Differentiable
          static double inBranch(double x, int n) {
            if (x > 0) {
              for (@Checkpointed int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop inside another loop or a branch
            }
            return x;
          }

          @Differentiable
          static double afterAThrowingCheck(double x, int n) {
            if (x < 0) throw new IllegalArgumentException("x < 0");
            for (@Checkpointed int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop inside another loop or a branch (an earlier return or throw puts the rest of the body in one) ... move argument checks that throw after the loop
            return x;
          }

          @Differentiable
          static double uncounted(double x, int n) {
            for (@Checkpointed int j = 0; x < 10; j++) x = x * 1.5 + j; // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop that is not counted ... fixed before the loop
            return x;
          }

          @Differentiable
          static double boundCallsMath(double x, double b) {
            for (@Checkpointed int j = 1; j < (int) (3.0 * Math.tanh(b)); j++) x = x * 1.5 + j; // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop that is not counted ... compute it into a local before the loop
            return x;
          }

          @Differentiable
          static double step(double x) {
            return Math.sin(x) + x;
          }

          @Differentiable
          static double calling(double x, int n) {
            for (@Checkpointed int j = 0; j < n; j++) x = step(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a loop that calls another method ... leave the loop unannotated
            return x;
          }

          @Differentiable
          static double negative(double x, int n) {
            for (@Checkpointed(every = -2) int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `-2`: [Adjoint.Checkpoint] @Checkpointed is not supported on every = -2 ... at least 1
            return x;
          }
        }
        """);
    }

    @Test
    void checkpointedLoopsAreForGradientsOnly() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Checkpointed;
        import dev.adjoint.Differentiable;

        final class Methods {
          @Differentiable
          static double[] trajectory(double x, int n) {
            double[] out = new double[1];
            for (@Checkpointed int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a method that returns double[] ... return a double
            out[0] = x;
            return out;
          }

          @Differentiable(order = 2)
          static double twice(double x, int n) {
            for (@Checkpointed int j = 0; j < n; j++) x = Math.sin(x); // ERROR at `for`: [Adjoint.Checkpoint] @Checkpointed is not supported on a method differentiated twice ... or order = 2
            return x;
          }
        }
        """);
    }
}
