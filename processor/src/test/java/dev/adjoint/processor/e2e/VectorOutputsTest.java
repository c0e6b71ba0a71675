package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.JacobianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.processor.testing.TestCompiler.Compiled;
import org.junit.jupiter.api.Test;

/**
 * {@code double[]}-valued methods (API.md, "Vector-valued methods: Jacobians"): fJacobian in both
 * modes against central differences, fTangent against J·t, fVjp against seedᵀ·J
 * ({@link JacobianCheck}), with loops, branches, local arrays, every parameter shape, and calls
 * between scalar and vector methods in both directions.
 */
class VectorOutputsTest {

    static final String VECTORS = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Vectors {
        @Differentiable
        static double[] polar(double r, double theta) {
          return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
        }

        @Differentiable
        static double[] residuals(double[] p, double[] x, double[] y) {
          double[] r = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            double model = p[0] * Math.exp(-p[1] * x[i]) * Math.cos(p[2] * x[i]);
            r[i] = model - y[i];
          }
          return r;
        }

        @Differentiable
        static double loss(double[] p, double[] x, double[] y) {
          double[] r = residuals(p, x, y);
          double s = 0;
          for (int i = 0; i < r.length; i++) s += r[i] * r[i];
          return 0.5 * s;
        }

        @Differentiable
        static double[] branches(double[] v, double c) {
          double[] out = new double[v.length + 1];
          double total = 0;
          for (int i = 0; i < v.length; i++) {
            if (v[i] > c) {
              out[i] = v[i] * v[i] - c;
            } else {
              out[i] = Math.sin(v[i]) * c;
            }
            total += out[i];
          }
          out[v.length] = total > 0 ? Math.sqrt(total) : -total * c;
          return out;
        }

        @Differentiable
        static double[] matrixTimes(double[][] a, double[] x) {
          double[] y = new double[a.length];
          for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = Math.tanh(s);
          }
          return y;
        }

        @Differentiable
        static double scaled(double x) {
          return x * x + 1;
        }

        @Differentiable
        static double[] callsScalar(double[] v) {
          double[] out = new double[v.length];
          for (int i = 0; i < v.length; i++) out[i] = scaled(v[i]) * v[(i + 1) % v.length];
          return out;
        }

        @Differentiable
        static double[] callsVector(double r, double theta, double s) {
          double[] p = polar(r * s, theta + s);
          double[] q = polar(p[0], p[1]);
          return new double[] {q[0] + p[1], q[1] * s, p[0] * q[0]};
        }

        @Differentiable(wrt = "p")
        static double[] onlyP(double[] p, double[] x) {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) out[i] = p[0] + p[1] * x[i] + p[2] * x[i] * x[i];
          return out;
        }

        @Differentiable
        static double[] writesParameter(double[] v, int n) {
          for (int k = 0; k < n; k++) {
            for (int i = 1; i < v.length; i++) v[i] = v[i] * v[i - 1] + 0.5;
          }
          return v;
        }

        @Differentiable
        static double[] earlyReturn(double[] v, double limit) {
          double s = 0;
          double[] out = new double[2];
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
            if (s > limit) {
              out[0] = s;
              out[1] = v[i] * s;
              break;
            }
          }
          if (s <= limit) {
            return new double[] {s, -s};
          }
          return out;
        }

        @Differentiable
        static double[] chosen(double x, double y) {
          double[] a = {x * y, x};
          double[] b = {y, Math.exp(x)};
          return x > y ? a : b;
        }

        @Differentiable
        static double[] sequentialReturns(double x) {
          if (1 >= x) {
            return new double[] {x, (x) * (x)};
          }
          if (1 < x) {
            return new double[] {3, (3) * (3)};
          }
          return new double[] {1, (1) * (1)};
        }

        @Differentiable
        static double[] nestedReturns(double x, double y) {
          if (x > 0) {
            if (y > x) {
              return new double[] {x * y, 2};
            }
            if (y > 0) {
              return new double[] {1, Math.sin(y)};
            }
          } else {
            if (y < x) {
              return new double[] {5, 6};
            }
          }
          return new double[] {x + y, Math.exp(x)};
        }

        @Differentiable
        static double[] returnsCallResult(double[] p, double[] x, double[] y) {
          return residuals(p, x, y);
        }
      }
      """;

    private static Compiled vectors() {
        return TestCompiler.compileCached(VECTORS);
    }

    private static final double[] X = {0.1, 0.4, 0.7, 1.1, 1.6};
    private static final double[] Y = {0.9, 0.5, 0.2, -0.3, -0.4};

    @Test
    void twoInputsTwoOutputs() {
        double[][] j = JacobianCheck.check(vectors(), "demo.Vectors", "polar", 1.5, 0.3);
        assertEquals(Math.cos(0.3), j[0][0], 1e-15);
        assertEquals(-1.5 * Math.sin(0.3), j[0][1], 1e-15);
    }

    @Test
    void residualsOfAFitInALoop() {
        JacobianCheck.check(vectors(), "demo.Vectors", "residuals", new double[] {1.2, 0.8, 2.5}, X, Y);
    }

    @Test
    void branchesInsideTheLoopAndOnTheLastOutput() {
        JacobianCheck.check(vectors(), "demo.Vectors", "branches", new double[] {0.3, -0.8, 1.4, 0.9}, 0.5);
        JacobianCheck.check(vectors(), "demo.Vectors", "branches", new double[] {-0.3, -0.8}, 0.5);
    }

    @Test
    void aMatrixParameterAndMoreOutputsThanInputs() {
        double[][] a = {{0.2, -0.4}, {0.7, 0.1}, {-0.3, 0.5}, {0.9, 0.8}, {0.05, -0.6}};
        JacobianCheck.check(vectors(), "demo.Vectors", "matrixTimes", a, new double[] {0.6, -1.1});
    }

    @Test
    void aVectorMethodCallsAScalarOne() {
        JacobianCheck.check(vectors(), "demo.Vectors", "callsScalar", new double[] {0.4, -1.2, 0.9});
    }

    @Test
    void aVectorMethodCallsAVectorOne() {
        JacobianCheck.check(vectors(), "demo.Vectors", "callsVector", 1.3, 0.4, 0.8);
    }

    @Test
    void onlyTheParametersInWrt() {
        JacobianCheck.check(vectors(), "demo.Vectors", "onlyP", new double[] {0.5, -1.0, 0.25}, X);
    }

    @Test
    void aParameterWrittenInPlaceAndReturned() {
        JacobianCheck.check(vectors(), "demo.Vectors", "writesParameter", new double[] {0.9, 0.7, 1.1}, 2);
    }

    @Test
    void aBreakOutOfALoopAndAReturnFromABranch() {
        JacobianCheck.check(vectors(), "demo.Vectors", "earlyReturn", new double[] {0.5, 0.9, 1.2, 0.3}, 1.0);
        JacobianCheck.check(vectors(), "demo.Vectors", "earlyReturn", new double[] {0.5, 0.2}, 10.0);
    }

    @Test
    void anArrayChosenByTheConditionalOperator() {
        JacobianCheck.check(vectors(), "demo.Vectors", "chosen", 0.7, 0.2);
        JacobianCheck.check(vectors(), "demo.Vectors", "chosen", 0.2, 0.7);
    }

    @Test
    void aVectorCalleeFromALibraryCompiledEarlier() {
        Compiled library = TestCompiler.compile("""
        package demo.lib;

        import dev.adjoint.Differentiable;

        public final class Fits {
          private Fits() {}

          @Differentiable(wrt = "p")
          public static double[] residuals(double[] p, double[] x) {
            double[] r = new double[x.length];
            for (int i = 0; i < x.length; i++) r[i] = p[0] * Math.sin(p[1] * x[i]) - x[i];
            return r;
          }
        }
        """);
        Compiled client = TestCompiler.compile(library, """
        package demo;

        import demo.lib.Fits;
        import dev.adjoint.Differentiable;

        final class Client {
          @Differentiable(wrt = "p")
          static double[] scaled(double[] p, double[] x) {
            double[] r = Fits.residuals(p, x);
            return new double[] {r[0] * p[1], r[1] + r[2] * r[2]};
          }
        }
        """);
        JacobianCheck.check(client, "demo.Client", "scaled", new double[] {0.8, 1.7}, new double[] {0.2, 0.5, 0.9});
    }

    @Test
    void returnsInSequentialBranchesSomeOfThemConstant() {
        JacobianCheck.check(vectors(), "demo.Vectors", "sequentialReturns", 0.6);
        JacobianCheck.check(vectors(), "demo.Vectors", "sequentialReturns", 1.4);
    }

    @Test
    void returnsInBranchesNestedTwoDeep() {
        JacobianCheck.check(vectors(), "demo.Vectors", "nestedReturns", 0.5, 0.9);
        JacobianCheck.check(vectors(), "demo.Vectors", "nestedReturns", 0.5, 0.3);
        JacobianCheck.check(vectors(), "demo.Vectors", "nestedReturns", 0.5, -0.3);
        JacobianCheck.check(vectors(), "demo.Vectors", "nestedReturns", -0.5, -0.9);
        JacobianCheck.check(vectors(), "demo.Vectors", "nestedReturns", -0.5, 0.2);
    }

    @Test
    void aCallResultReturnedAsIs() {
        JacobianCheck.check(vectors(), "demo.Vectors", "returnsCallResult", new double[] {1.2, 0.8, 2.5}, X, Y);
    }
}
