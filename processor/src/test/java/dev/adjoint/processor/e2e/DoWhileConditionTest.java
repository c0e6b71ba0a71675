package dev.adjoint.processor.e2e;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import org.junit.jupiter.api.Test;

/**
 * A do-while's condition is tested only when the body completed or continued the loop (found by
 * the random programs, seed 5, class F4, method m27, with the generator's overloads on): after a
 * {@code return} or a {@code break} in the body, both derivative methods still evaluated the
 * condition, whose call threw an argument check the method itself never reaches.
 */
class DoWhileConditionTest {
    static final String SOURCE = """
      package dowhile;

      import dev.adjoint.Differentiable;

      final class Loops {
        @Differentiable
        static double checked(double x) {
          if (x > 0.5) throw new IllegalArgumentException("x out of range");
          return x * x;
        }

        // as the fuzzer shrank it: the first iteration returns, the condition's call would throw
        @Differentiable
        static double returnsBeforeTheCondition(double x, double y) {
          int it = 0;
          do {
            it++;
            if (y > -5) {
              return 2 * x * y;
            }
            x += 1;
          } while (checked(2.0 * Math.cos(y)) < 0.5);
          return x;
        }

        @Differentiable
        static double breaksBeforeTheCondition(double x, double y) {
          do {
            if (y > -5) {
              break;
            }
            x += 1;
          } while (checked(2.0 * Math.cos(y)) < 0.5);
          return x * y;
        }

        // the condition is tested after a continue, as Java does
        @Differentiable
        static double continuesToTheCondition(double x, double y) {
          int it = 0;
          do {
            it++;
            if (it < 2) {
              continue;
            }
            x = x * y;
          } while (it < 3 && checked(0.1 * x) < 0.5);
          return x;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "dowhile.Loops", name);
    }

    @Test
    void aReturnInTheBodySkipsTheCondition() {
        Differentiated f = method("returnsBeforeTheCondition");
        // 2 cos(-1.18) = 0.76 > 0.5: calling checked there would throw
        assertEquals(2 * 0.3 * -1.18, f.primal(0.3, -1.18), 1e-15);
        Differentiated.Gradient g = f.gradient(0.3, -1.18);
        assertEquals(2 * 0.3 * -1.18, g.value(), 1e-15);
        assertEquals(2 * -1.18, g.scalar("x"), 1e-15);
        assertEquals(2 * 0.3, g.scalar("y"), 1e-15);
        Dual t = f.tangent(new Object[] {0.3, -1.18}, 1.0, 0.5);
        assertEquals(2 * -1.18 + 0.5 * 2 * 0.3, t.tangent(), 1e-15);
        check(f, 0.3, -1.18);
    }

    @Test
    void aBreakInTheBodySkipsTheCondition() {
        Differentiated f = method("breaksBeforeTheCondition");
        Differentiated.Gradient g = f.gradient(0.3, -1.18);
        assertEquals(0.3 * -1.18, g.value(), 1e-15);
        assertEquals(-1.18, g.scalar("x"), 1e-15);
        assertEquals(0.3, g.scalar("y"), 1e-15);
        assertEquals(-1.18 + 0.3, f.tangent(new Object[] {0.3, -1.18}, 1.0, 1.0).tangent(), 1e-15);
        check(f, 0.3, -1.18);
    }

    @Test
    void aContinueStillTestsTheCondition() {
        Differentiated f = method("continuesToTheCondition");
        // it = 1: continue, test (0.03 < 0.5); it = 2: x = x y, test; it = 3: x = x y, it < 3 fails
        assertEquals(0.3 * 0.9 * 0.9, f.primal(0.3, 0.9), 1e-15);
        Differentiated.Gradient g = f.gradient(0.3, 0.9);
        assertEquals(0.9 * 0.9, g.scalar("x"), 1e-15);
        assertEquals(2 * 0.3 * 0.9, g.scalar("y"), 1e-15);
        check(f, 0.3, 0.9);
        check(f, 1.2, 1.7);
    }
}
