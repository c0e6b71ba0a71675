package dev.adjoint.processor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * Two annotated {@code order = 2} overloads, one calling the other, called by an {@code order = 2}
 * method (found by the random programs with overloads on, order 2, seed 13, class F6, method m7):
 * the caller's {@code mHvp} named the callee's Hvp record {@code H0Hvp}, not the overload's
 * {@code H0_double_doubleHvp} (API.md, *Overloads*), and did not compile.
 */
class SecondOrderOverloadsTest {
    static final String SOURCE = """
      package overloads;

      import dev.adjoint.Differentiable;

      final class Twice {
        @Differentiable(order = 2)
        static double h0(double x) {
          return x * Math.sin(x);
        }

        @Differentiable(order = 2)
        static double h0(double x, double y) {
          return h0(x * y) + y * y * x;
        }

        @Differentiable(order = 2)
        static double caller(double[] v) {
          return h0(v[0], v[1]) + h0(v[1]);
        }
      }
      """;

    @Test
    void theCallersHvpNamesTheOverloadsRecords() throws ReflectiveOperationException {
        Differentiated f = Differentiated.of(TestCompiler.compileCached(SOURCE), "overloads.Twice", "caller");
        double[] v = {0.7, -1.3};
        HessianCheck.check(f, (Object) v);
        // caller = (x y) sin(x y) + y^2 x + y sin y with x = v0, y = v1: d/dv0 = y (sin p + p cos p) + y^2, p = x y
        double p = v[0] * v[1];
        assertEquals(
                v[1] * (Math.sin(p) + p * Math.cos(p)) + v[1] * v[1],
                f.gradient((Object) v).vector("v")[0],
                1e-12);
        Method hessian = f.gradClass().getMethod("callerHessian", double[].class);
        Object record = hessian.invoke(null, (Object) v);
        double[][] h = (double[][]) record.getClass().getMethod("hessian").invoke(record);
        // d2/dv0^2 = y^2 (2 cos p - p sin p)
        assertEquals(v[1] * v[1] * (2 * Math.cos(p) - p * Math.sin(p)), h[0][0], 1e-12);
    }
}
