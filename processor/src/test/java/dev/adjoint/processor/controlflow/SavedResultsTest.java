package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.internal.DoubleStack;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call whose derivative is a function of its result (exp, expm1, tanh, sqrt, cbrt, tan) is
 * saved by each loop iteration that makes it, and the backward iteration reads the result
 * instead of calling the function again: the generated gradient calls each such function as
 * often as the objective does.
 */
class SavedResultsTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Calls {
        // the softmax of GMM's log-sum-exp: exp's result is the partial
        @Differentiable
        static double logSumExp(double[] x) {
          double m = x[0];
          for (int i = 1; i < x.length; i++) if (x[i] > m) m = x[i];
          double s = 0;
          for (int i = 0; i < x.length; i++) s = s * 0.5 + Math.exp(x[i] - m);
          return Math.log(s) + m;
        }

        // every such function, on a branch, and a result read again after the call
        @Differentiable
        static double each(double[] x, double y) {
          double p = 1;
          for (int i = 0; i < x.length; i++) {
            double t = Math.tanh(x[i] * y);
            if (x[i] > 0.5) {
              p = p * Math.sqrt(1 + t * t) + Math.cbrt(x[i]) * p;
            } else {
              p = p * Math.expm1(0.5 * t) + Math.tan(0.3 * x[i]);
            }
            p = p + t * Math.exp(-p * p);
          }
          return p;
        }

        // in the test of a while loop and in an inner loop
        @Differentiable
        static double nested(double[] x, int n) {
          double s = 0;
          int i = 0;
          while (Math.exp(-0.5 * i) > 0.01 && i < n) {
            double u = 1;
            for (int j = 0; j < x.length; j++) u = u * Math.exp(0.1 * x[j] * u);
            s = s * Math.tanh(u) + x[i % x.length];
            i++;
          }
          return s;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Calls", name);
    }

    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 12})
    void gradientsMatchFiniteDifferences(int n) {
        check(method("logSumExp"), (Object) data(n, 0.3));
        check(method("each"), data(n, 0.1), 0.8);
        check(method("nested"), data(n, 0.7), 2 * n);
    }

    /**
     * Golden file {@code golden/controlflow/SavedResults.java.txt}: each reverse method calls exp
     * (and each other function) once, in its forward sweep; the backward sweep pops the saved result.
     */
    @Test
    @Tag("golden")
    void theBackwardSweepDoesNotCallAgain() {
        GoldenFile.assertMethodsMatch(
                "controlflow/SavedResults.java.txt",
                TestCompiler.compileCachedWithOptions(List.of(), SOURCE).generatedSource("demo.CallsGrad"),
                "logSumExp",
                "each");
    }

    /**
     * The price: one double per call per iteration. {@code each}, n iterations: p, t, exp, and
     * the four calls of the two branches (a value saved on a branch is saved by every iteration,
     * as 0 where the branch did not run, like an element read there).
     */
    @Test
    void eachSavedResultCostsOneDoublePerIteration() throws Exception {
        Method reverse = TestCompiler.compileCached(SOURCE)
                .load("demo.CallsGrad")
                .getMethod("each", double[].class, double.class);
        DoubleStack doubles = DoubleStack.forThisThread();
        int n = 1000;
        doubles.resetHighWater();
        int before = doubles.size();
        reverse.invoke(null, data(n, 0.2), 0.8);
        assertEquals(before, doubles.size(), "every push popped");
        assertEquals(7 * n, doubles.highWater() - before);
    }
}
