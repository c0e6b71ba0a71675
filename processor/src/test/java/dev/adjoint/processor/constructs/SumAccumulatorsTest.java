package dev.adjoint.processor.constructs;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.adjoint.processor.diagnostics.MarkedErrors;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.api.Test;

/**
 * Commons Numbers' {@code Sum} as a known accumulator: a local Sum that never escapes is a running
 * sum whose derivative is that of the exact sum, in chains, as statements in branches and loops,
 * in both modes and under {@code order = 2}; the generated methods return the compensated value
 * of the method to the bit; a Sum that escapes or is used otherwise is an error naming why.
 */
class SumAccumulatorsTest {

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;
      import org.apache.commons.numbers.core.Sum;

      final class Sums {
        private static final double LOG_PI = 1.14472988584940017414342735135;

        @Differentiable
        static double chain(double x, double y) {
          return Sum.of(-Math.log(x)).add(y * y).add(LOG_PI).addProduct(x, y).getAsDouble();
        }

        @Differentiable
        static double branches(double z, double r) {
          final Sum result = Sum.create();
          if (z < 1) {
            result.add(Math.log(z));
            result.addProduct(r, z).addProduct(r, 0.25);
          } else {
            result.add(-Math.log(z)).accept(z * r);
          }
          result.add(1e16);
          result.add(z / 3);
          result.add(-1e16);
          return result.getAsDouble() * 2;
        }

        @Differentiable
        static double loop(double[] v, double w) {
          Sum s = Sum.of(w, 2 * w, Math.sin(w));
          for (int i = 0; i < v.length; i++) {
            s.addProduct(v[i], w).add(v[i] * v[i]);
          }
          double partial = s.getAsDouble();
          s.add(partial);
          return s.getAsDouble();
        }

        @Differentiable(order = 2)
        static double second(double x, double y) {
          Sum s = Sum.create();
          s.addProduct(x, x).addProduct(x, y).add(Math.exp(y));
          return s.getAsDouble() * x;
        }

        @Differentiable
        static double products(double a, double b, double c, double d) {
          return Sum.create().addProduct(a, b).addProduct(c, d).add(a).add(d).getAsDouble();
        }

        /** The same terms added plainly: the compensated sum must differ from it. */
        static double plain(double z, double r) {
          double s = z < 1 ? Math.log(z) + r * z + r * 0.25 : -Math.log(z) + z * r;
          s += 1e16;
          s += z / 3;
          s += -1e16;
          return s * 2;
        }
      }
      """;

    private static Differentiated of(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Sums", name);
    }

    /** Both generated methods return the method's own value, bit for bit. */
    private static void sameValue(Differentiated f, Object[] args, Object[] directions) {
        double primal = f.primal(args);
        assertEquals(primal, f.gradient(args).value(), 0.0, "reverse value");
        assertEquals(primal, f.tangent(args, directions).value(), 0.0, "tangent value");
    }

    @Test
    void chainsDifferentiateInBothModes() {
        Differentiated f = of("chain");
        check(f, 0.7, 1.3);
        check(f, 2.5, -0.4);
        sameValue(f, new Object[] {0.7, 1.3}, new Object[] {1.0, 0.5});
    }

    @Test
    void statementsInBranchesKeepTheCompensatedValue() {
        Differentiated f = of("branches");
        check(f, 0.6, 1.7);
        check(f, 3.2, -0.8);
        for (double z : new double[] {0.6, 0.35, 3.2}) {
            Object[] args = {z, 1.7};
            sameValue(f, args, new Object[] {1.0, -2.0});
            // the naive sum loses z / 3 against 1e16: only a compensated value matches the method
            assertNotEquals(Sums.plainValue(z, 1.7), f.gradient(args).value());
        }
    }

    @Test
    void accumulatorsInLoopsCarryTheirState() {
        Differentiated f = of("loop");
        check(f, new double[] {0.3, -1.2, 2.5}, 0.9);
        check(f, new double[] {1.1}, -0.4);
        Object[] args = {new double[] {0.3, -1.2, 2.5}, 0.9};
        sameValue(f, args, new Object[] {new double[] {1, 0.5, -1}, 2.0});
    }

    @Test
    void secondOrder() {
        Differentiated f = of("second");
        check(f, 0.8, -0.3);
        HessianCheck.check(f, 0.8, -0.3);
        HessianCheck.check(f, -1.4, 0.6);
        sameValue(f, new Object[] {0.8, -0.3}, new Object[] {1.0, 1.0});
    }

    /**
     * The product's round-off ({@code fma} in the generated code, Dekker's split in the library)
     * and the special values (an overflowing product makes the compensation NaN, and the value
     * the plain sum) give the library's value to the bit, over magnitudes from 1e-150 to 1e150
     * and near overflow, where the library scales before splitting.
     */
    @Test
    void productsMatchTheLibraryToTheBit() {
        Differentiated f = of("products");
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < 2000; i++) {
            Object[] args = new Object[4];
            for (int k = 0; k < 4; k++)
                args[k] = (random.nextBoolean() ? -1 : 1)
                        * random.nextDouble()
                        * Math.pow(10, 300 * random.nextDouble() - 150);
            sameValue(f, args, new Object[] {1.0, 1.0, 1.0, 1.0});
        }
        double[][] special = {
            {1e200, 1e200, 3.0, 0.1}, {1e300, 1.7, 1e-300, 3.3}, {Double.MAX_VALUE / 3, 2.9, 0.3, 0.7},
            {Double.NaN, 1.0, 2.0, 3.0}, {Double.POSITIVE_INFINITY, 1.0, 2.0, 3.0}, {0.1, 0.2, 0.3, -0.4}
        };
        for (double[] p : special)
            sameValue(f, new Object[] {p[0], p[1], p[2], p[3]}, new Object[] {1.0, 1.0, 1.0, 1.0});
        check(f, 0.3, -1.7, 2.2, 0.9);
    }

    /** Calls the plain version compiled with the source. */
    private static final class Sums {
        static double plainValue(double z, double r) {
            try {
                Class<?> c = TestCompiler.compileCached(SOURCE).load("demo.Sums");
                var m = c.getDeclaredMethod("plain", double.class, double.class);
                m.setAccessible(true);
                return (double) m.invoke(null, z, r);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void escapingSumsAreErrors() {
        MarkedErrors.check("""
        package demo;

        import dev.adjoint.Differentiable;
        import org.apache.commons.numbers.core.Sum;

        final class Escapes {
          static Sum kept;

          static double total(Sum s) { return s.getAsDouble(); }

          @Differentiable
          static double passed(double x) {
            Sum s = Sum.of(x);
            return total(s); // ERROR at `s`: [Adjoint.Expression] a Sum accumulator used as a value (passed, returned, stored or aliased) is not supported ... an object that carries differentiated state
          }

          @Differentiable
          static double aliased(double x) {
            Sum s = Sum.of(x);
            Sum t = s; // ERROR at `s`: [Adjoint.Expression] a Sum accumulator used as a value
            return x;
          }

          @Differentiable
          static double stored(double x) {
            kept = Sum.of(x).add(x); // ERROR at `kept`: [Adjoint.FieldWrite] assignment to field kept // ERROR: [Adjoint.Expression] a Sum accumulator used as a value
            return x;
          }

          @Differentiable
          static double products(double[] a, double[] b) {
            return Sum.ofProducts(a, b).getAsDouble(); // ERROR at `a`: [Adjoint.Expression] an array or object passed to a Sum method
          }
        }
        """);
    }
}
