package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bugs the random program generator found, each kept as the smallest program that showed it. */
class FoundByFuzzingTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Found {
        // a copy made inside a loop, of an array written after the loop: the backward sweep
        // recomputed the copy from the array as it ended, not as it was (d/dx came out 3)
        @Differentiable
        static double copyOfAChangingArray(double x, double[] v) {
          for (int it = 0; it < 2; it++) {
            double[] buf = v.clone();
            double r = buf[2];
            buf[2] = 5;
            x = x * r + buf[2] * buf[0];
          }
          v[2] = 3;
          return x;
        }

        // the same, with the copy made on one branch only: nothing to save on the other
        @Differentiable
        static double copyOnOneBranch(double[] v, int i) {
          int it = 0;
          while (it < 2) {
            it++;
            if (i >= 1) {
              double[] buf = v.clone();
              return buf[0] * buf[1];
            } else {
              v[3] += v[0] * v[1];
            }
          }
          return v[3];
        }

        // cloning a parameter is not writing it: passing the same array twice must be allowed
        @Differentiable
        static double cloned(double[] u, double y, double[] v) {
          var buf = u.clone();
          buf[1] = y * v[0];
          return buf[0] * buf[1] + v[1];
        }

        @Differentiable
        static double sameArrayTwice(double[] v) {
          return cloned(v, 1.5, v);
        }

        // forward mode built the tangent of cos(x) inside the && branch, where the value was first
        // computed, and then used it after the branch: generated code did not compile
        @Differentiable
        static double tangentOutOfItsBlock(double x) {
          double y = Math.sin(x);
          return (y > 1 && Math.cos(x) > 0 ? 1.0 : 2.0) + Math.cos(x);
        }

        // the loop's recomputed v[1] was merged with the v[1] read after the loop, whose adjoint
        // had been built already: d/dv[1] came out 0 instead of -1
        @Differentiable
        static double lateContribution(double[] v, double y, double x) {
          for (double val : v) {
            y = v[1];
          }
          return (v[1] != 0 ? 0 : x) - y;
        }
      }
      """;

    private static Differentiated found(String method) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Found", method);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.1, -0.4})
    void copiesInLoopsAreSavedAsTheyStarted(double x) {
        check(found("copyOfAChangingArray"), x, new double[] {-1.9, 0.43, -1.16, 0.39});
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aCopyOnOneBranchOfALoop(int i) {
        check(found("copyOnOneBranch"), new double[] {-0.22, -1.54, -1.68, -1.99}, i);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.7, 1.2})
    void aClonedParameterMayAliasAnother(double v0) {
        check(found("sameArrayTwice"), new double[] {v0, 0.4, -1.3});
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2, 0.3, 1.4})
    void tangentIsBuiltWhereItIsUsed(double x) {
        check(found("tangentOutOfItsBlock"), x);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.8, 0.4})
    void lateAdjointContributionsAreNotLost(double x) {
        check(found("lateContribution"), new double[] {1.69, -1.31, 0.46, -0.91}, 1.08, x);
    }
}
