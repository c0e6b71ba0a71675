package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.JacobianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code switch} on a {@code String} or an enum selector (a parameter or field: a constant of the
 * method), in every form, in both modes, at order 2 and in a {@code double[]}-valued method. Every
 * case of every method is taken, default included, and each point is checked against central
 * finite differences (tangents against the gradient, values against the primal: {@link
 * dev.adjoint.processor.testing.GradCheck}). A null selector throws the NullPointerException the
 * method throws, and a default that throws rethrows the method's own exception.
 */
class ReferenceSwitchTest {
    static final String SHAPE = """
      package demo;

      public enum Shape { FLAT, ROUND, SHARP }
      """;

    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Selected {
        enum Mode { FAST, SLOW, EXACT }

        static final String CUBIC = "cubic";
        static Mode preferred = Mode.SLOW;

        @Differentiable
        static double classic(double x, String kind) {
          double y = x;
          switch (kind) {
            case "linear":
              y = 2 * x;
              break;
            case "quadratic":
            case "square":
              y = x * x;                  // falls through into cubic
            case CUBIC:
              y = y * x + Math.sin(x);
              if (x > 1) break;
              y = y * y;
            default:
              y = y - x / 2;
          }
          return y * x;
        }

        @Differentiable
        static double arrows(double x, double w, Mode mode) {
          double z = 0;
          switch (mode) {
            case FAST, SLOW -> z = x * w;
            case EXACT -> {
              z = Math.exp(x * w);
              if (w > 0) break;
              z = z * w;
            }
          }
          return z + x;
        }

        @Differentiable
        static double expressions(double x, String kind, Shape shape) {
          double a = switch (kind) {
            case "linear" -> x;
            case "quadratic", "square" -> x * x;
            case CUBIC -> {
              double t = x * x;
              if (t > 2) yield t * x;
              yield t + x;
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
          };
          double b = switch (shape) {
            case FLAT:
              yield a;
            case ROUND:
              double u = Math.cos(a);
              yield u * a;
            default:
              yield a * a;
          };
          return a + b;
        }

        @Differentiable
        static double inLoop(double[] w, String[] unused, String kind) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            switch (kind) {
              case "sum" -> s += w[i];
              case "squares" -> {
                if (w[i] < 0) continue;
                s += w[i] * w[i];
              }
              default -> s = s * 0.5 + Math.sin(w[i]);
            }
          }
          return s;
        }

        @Differentiable
        static double byField(double x) {
          return switch (preferred) {
            case FAST -> x;
            case SLOW -> x * Math.log(x);
            case EXACT -> Math.sqrt(x);
          };
        }

        @Differentiable(order = 2)
        static double secondOrder(double x, double y, String kind, Mode mode) {
          double z = switch (kind) {
            case "product" -> x * x * y;
            case "wave" -> { double t = Math.sin(x * y); yield t * t; }
            default -> Math.exp(x) * y * y;
          };
          switch (mode) {
            case FAST:
              z = z * x;
            case SLOW:
              z = z + y * y * x;
              break;
            default:
              z = z * z;
          }
          return z;
        }

        @Differentiable
        static double[] vector(double[] p, Shape shape) {
          double[] r = new double[2];
          switch (shape) {
            case FLAT -> { r[0] = p[0] * p[1]; r[1] = p[1]; }
            case ROUND -> { r[0] = Math.sin(p[0]); r[1] = p[0] * p[1] * p[1]; }
            default -> { r[0] = p[0] * p[0]; r[1] = Math.exp(p[1]); }
          }
          return r;
        }

        // the selector passed on to an unannotated callee of the build, differentiated from its body,
        // and to a method called with constant arguments only
        @Differentiable
        static double viaCallee(double x, String kind, Mode mode) {
          double s = 0;
          for (int i = 0; i < 3; i++) s += shaped(x + i, kind) * weight(mode);
          return s + annotatedShape(s, kind);
        }

        @Differentiable
        static double annotatedShape(double x, String kind) {
          return switch (kind) { case "linear" -> 3 * x; default -> Math.sin(x); };
        }

        @Differentiable
        static double literalsToCallee(double x) {
          return shaped(x, "quadratic") + shaped(2 * x, "linear") * weight(Mode.SLOW);
        }

        @Differentiable(order = 2)
        static double secondViaCallee(double x, double y, String kind) {
          return shaped(x * y, kind) * x;
        }

        static double shaped(double x, String kind) {
          switch (kind) {
            case "linear": return 2 * x;
            case "quadratic": return x * x;
            default: throw new IllegalArgumentException("unknown " + kind);
          }
        }

        static double weight(Mode mode) {
          return mode == Mode.FAST ? 1 : 2;
        }

        private final Mode mode;
        private final String unit;
        private static String style = "smooth";

        Selected(Mode mode, String unit) {
          this.mode = mode;
          this.unit = unit;
        }

        @Differentiable
        double scaled(double x) {
          double s = switch (unit) { case "km" -> 1000 * x; case "m" -> x; default -> x / 100; };
          switch (mode) {
            case FAST: return s * s;
            default: return Math.sin(s) * x + styled(x, style);
          }
        }

        static double styled(double x, String style) {
          return switch (style) { case "smooth" -> Math.tanh(x); default -> x; };
        }

        // a switch expression on a field whose value nothing reads stays for the null it may throw;
        // pruning took it for a dead derivative call to replace ([Adjoint.Internal], random programs)
        @Differentiable
        static double unusedSelection(double x) {
          var k = switch (preferred) { case FAST -> 0; case SLOW -> 4; default -> 1; };
          return x * x + 1;
        }
      }
      """;

    private static TestCompiler.Compiled compiled() {
        return TestCompiler.compileCached(SOURCE, SHAPE);
    }

    private static Differentiated method(String name) {
        return Differentiated.of(compiled(), "demo.Selected", name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object constant(String enumClass, String name) {
        try {
            return Enum.valueOf((Class) compiled().classLoader().loadClass(enumClass), name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object mode(String name) {
        return constant("demo.Selected$Mode", name);
    }

    private static Object shape(String name) {
        return constant("demo.Shape", name);
    }

    @Test
    void stringSwitchWithFallThroughBreaksAndDefault() {
        for (String kind : List.of("linear", "quadratic", "square", "cubic", "other")) {
            for (double x : new double[] {0.6, 1.4}) check(method("classic"), x, kind);
        }
        // quadratic falls through into cubic: ((x²)·x + sin x)·x at x = 1.4, which breaks
        double x = 1.4;
        double slope = 4 * x * x * x + Math.sin(x) + x * Math.cos(x);
        assertEquals(slope, check(method("classic"), x, "square").scalar("x"), 1e-9);
    }

    @Test
    void enumArrowsWithMultipleLabelsAndNoDefault() {
        for (String m : List.of("FAST", "SLOW", "EXACT")) {
            check(method("arrows"), 0.7, 1.3, mode(m));
            check(method("arrows"), 0.7, -0.4, mode(m));
        }
    }

    @Test
    void switchExpressionsOnStringsAndATopLevelEnum() {
        for (String kind : List.of("linear", "quadratic", "square", "cubic")) {
            for (String s : List.of("FLAT", "ROUND", "SHARP")) {
                check(method("expressions"), 0.8, kind, shape(s));
                check(method("expressions"), 1.6, kind, shape(s));
            }
        }
    }

    @Test
    void switchInALoop() {
        for (String kind : List.of("sum", "squares", "other")) {
            check(method("inLoop"), new double[] {0.5, -0.7, 1.2}, new String[0], kind);
            check(method("inLoop"), new double[0], new String[0], kind);
        }
    }

    @Test
    void selectorPassedToCallees() {
        for (String kind : List.of("linear", "quadratic")) {
            for (String m : List.of("FAST", "SLOW")) check(method("viaCallee"), 0.7, kind, mode(m));
            HessianCheck.check(method("secondViaCallee"), 0.7, 1.2, kind);
        }
        // (x² + 2·2x·2)' = 2x + 8
        assertEquals(2 * 0.7 + 8, check(method("literalsToCallee"), 0.7).scalar("x"), 1e-9);
        Differentiated f = method("viaCallee");
        sameThrow(
                () -> f.primal(0.5, "cubic", mode("FAST")),
                () -> f.gradient(0.5, "cubic", mode("FAST")),
                () -> f.tangent(new Object[] {0.5, "cubic", mode("FAST")}, 1.0));
        sameThrow(() -> f.primal(0.5, null, mode("FAST")), () -> f.gradient(0.5, null, mode("FAST")));
    }

    @Test
    void unusedSelectionOnAFieldCompilesAndIsKept() {
        assertEquals(2 * 0.7, check(method("unusedSelection"), 0.7).scalar("x"), 1e-9);
    }

    @Test
    void enumFieldSelector() {
        assertEquals(Math.log(2.0) + 1, check(method("byField"), 2.0).scalar("x"), 1e-9);
    }

    /** Found by the random programs: a switch on a field whose value nobody reads stays for what it throws. */
    @Test
    void aSwitchWhoseValueNobodyReads() {
        String source = """
          package demo;

          import dev.adjoint.Differentiable;

          final class Unread {
            enum Pick { P0, P1, P2 }

            static Pick pick = Pick.P2;

            @Differentiable
            static double unread(double x, int i) {
              double a = (switch (pick) { case P1: yield 1; case P0: yield x; default: yield 2; });
              return i * x;
            }
          }
          """;
        check(Differentiated.of(TestCompiler.compileCached(source), "demo.Unread", "unread"), 0.3, 4);
    }

    @Test
    void secondOrder() {
        for (String kind : List.of("product", "wave", "other")) {
            for (String m : List.of("FAST", "SLOW", "EXACT"))
                HessianCheck.check(method("secondOrder"), 0.6, 0.8, kind, mode(m));
        }
    }

    @Test
    void vectorMethod() {
        for (String s : List.of("FLAT", "ROUND", "SHARP"))
            JacobianCheck.check(compiled(), "demo.Selected", "vector", new double[] {0.7, -0.3}, shape(s));
    }

    @Test
    void instanceMethodSwitchingOnTheReceiversPrivateFields() throws ReflectiveOperationException {
        Class<?> type = compiled().classLoader().loadClass("demo.Selected");
        var constructor = type.getDeclaredConstructor(mode("FAST").getClass(), String.class);
        constructor.setAccessible(true);
        for (String m : List.of("FAST", "SLOW")) {
            for (String unit : List.of("km", "m", "cm")) {
                Object receiver = constructor.newInstance(mode(m), unit);
                check(Differentiated.of(compiled(), "demo.Selected", "scaled").on(receiver), 0.3);
            }
        }
    }

    @Test
    void aNullSelectorThrowsTheNullPointerExceptionTheMethodThrows() throws ReflectiveOperationException {
        Differentiated classic = method("classic");
        sameThrow(
                () -> classic.primal(0.5, null),
                () -> classic.gradient(0.5, null),
                () -> classic.tangent(new Object[] {0.5, null}, 1.0));
        Differentiated arrows = method("arrows");
        sameThrow(
                () -> arrows.primal(0.5, 1.0, null),
                () -> arrows.gradient(0.5, 1.0, null),
                () -> arrows.tangent(new Object[] {0.5, 1.0, null}, 1.0, 0.0));
        // a loop that never runs never reaches the switch
        Differentiated inLoop = method("inLoop");
        assertEquals(0.0, inLoop.gradient(new double[0], new String[0], null).value());
        assertEquals(
                0.0,
                inLoop.tangent(new Object[] {new double[0], new String[0], null}, new Object[] {new double[0]})
                        .tangent());
        sameThrow(
                () -> method("inLoop").primal(new double[] {1.0}, new String[0], null),
                () -> method("inLoop").gradient(new double[] {1.0}, new String[0], null));
        Differentiated second = method("secondOrder");
        var hessian = second.gradClass()
                .getMethod(
                        "secondOrderHessian",
                        double.class,
                        double.class,
                        String.class,
                        mode("FAST").getClass());
        sameThrow(
                () -> second.primal(0.6, 0.8, "wave", null),
                () -> second.gradient(0.6, 0.8, "wave", null),
                () -> hessian.invoke(null, 0.6, 0.8, "wave", null));
        var jacobian = Class.forName("demo.SelectedGrad", true, compiled().classLoader())
                .getMethod("vectorJacobian", double[].class, shape("FLAT").getClass());
        var vector = Class.forName("demo.Selected", true, compiled().classLoader())
                .getDeclaredMethod("vector", double[].class, shape("FLAT").getClass());
        vector.setAccessible(true);
        sameThrow(
                () -> vector.invoke(null, new double[] {1, 2}, null),
                () -> jacobian.invoke(null, new double[] {1, 2}, null));
    }

    @Test
    void aDefaultThatThrowsThrowsTheMethodsException() {
        Differentiated f = method("expressions");
        sameThrow(
                () -> f.primal(0.5, "bogus", shape("FLAT")),
                () -> f.gradient(0.5, "bogus", shape("FLAT")),
                () -> f.tangent(new Object[] {0.5, "bogus", shape("FLAT")}, 1.0));
    }

    /** The same exception class; for an NPE the message names the generated method's local, so only the class. */
    private static void sameThrow(Executable primal, Executable... derivatives) {
        Throwable expected = unwrap(assertThrows(Throwable.class, primal));
        for (Executable d : derivatives) {
            Throwable actual = unwrap(assertThrows(Throwable.class, d));
            assertEquals(expected.getClass(), actual.getClass(), String.valueOf(actual));
            if (!(expected instanceof NullPointerException)) assertEquals(expected.getMessage(), actual.getMessage());
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t.getCause() != null && (t instanceof AssertionError || t instanceof InvocationTargetException)) {
            t = t.getCause();
        }
        return t;
    }
}
