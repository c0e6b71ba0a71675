package dev.adjoint.processor.controlflow;

import static dev.adjoint.processor.testing.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code switch} in every form, in both modes and at order 2: the derivative is the derivative
 * of the code the selector reaches. Every case of every method is taken at some point (the
 * selector values run past the labels to reach default), and each point is checked against
 * central finite differences and the tangents against the gradient ({@link
 * dev.adjoint.processor.testing.GradCheck}); the values are compared with the primal's too.
 */
class SwitchTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Switches {
        static final int TWO = 2;

        @Differentiable
        static double classic(double x, int k) {
          double y = x;
          switch (k) {
            case 0:
              y = x * x;
              break;
            case 1:
            case TWO:
              y = Math.sin(x) * k;
              break;
            case 3:
              y = y * 3;            // falls through into case 4
            case 4:
              y = y + Math.exp(x);
              if (x > 1) break;     // a break that may or may not be taken
              y = y * x;
            default:
              y = y - x / 2;
          }
          return y * x;
        }

        @Differentiable
        static double returns(double x, int k) {
          switch (k) {
            case 1: return x * x * x;
            case 2: { double t = Math.log(x); return t * x; }
            default: break;
          }
          return Math.sqrt(x);
        }

        @Differentiable
        static double defaultInTheMiddle(double x, int k) {
          double s = 1;
          switch (k) {
            case 1: s = s * x;
            default: s = s + x * x;
            case 2: s = s * Math.cos(x);
          }
          return s;
        }

        @Differentiable
        static double arrows(double x, double y, int k) {
          double z = 0;
          switch (k) {
            case 1, 2 -> z = x * y;
            case 3 -> {
              z = Math.exp(x);
              if (y > 0) break;
              z = z * y;
            }
            default -> z = x - y;
          }
          return z + x;
        }

        @Differentiable
        static double expressions(double x, int k) {
          double a = switch (k) {
            case 0 -> x * x;
            case 1, 2 -> Math.sin(x) + k;
            case 3 -> {
              double t = x * 3;
              if (t > 2) yield t * t;
              yield t;
            }
            default -> 1;
          };
          double b = switch (k % 3) {
            case 0:
              double u = x + 1;
              yield u * a;
            case 1:
              yield a / x;
            default:
              yield a;
          };
          int m = switch (k) { case 0 -> 2; default -> k + 1; };
          return a + b * m + (m / 3);
        }

        @Differentiable
        static double inLoops(double[] w, double x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            switch (i % 4) {
              case 0:
                s += w[i] * x;
                break;
              case 1:
                if (w[i] < 0) continue;
                s += w[i] * w[i];
                break;
              case 2:
                for (int j = 0; j < 3; j++) {
                  s += Math.sin(w[i] * j);
                  if (s > 5) break;   // leaves the inner loop, not the switch
                }
                s *= 1.5;
                break;
              default:
                s = s - x;
            }
            s = s * 0.9;
          }
          return s;
        }

        @Differentiable
        static double labelled(double x, int n) {
          double s = x;
          out:
          switch (n) {
            case 1:
              for (int i = 0; i < 10; i++) {
                s = s * x;
                if (s > 4) break out;
              }
              s = s + 1;
              break;
            default:
              s = -s;
          }
          return s;
        }

        @Differentiable
        static double selectorFromX(double x) {
          double y;
          switch ((int) Math.floor(x)) {
            case 0: y = x * x; break;
            case 1: y = 2 * x - 1; break;
            default: y = Math.exp(x);
          }
          return y;
        }

        @Differentiable
        static double sharedScope(double x, int k) {
          switch (k) {
            case 1:
              double t = x * 2;
              return t * t;
            case 2:
              t = x * 5;   // declared in case 1, assigned here
              return t + x;
            default:
              return x;
          }
        }

        @Differentiable
        static double nested(double x, int a, int b) {
          double r = 0;
          switch (a) {
            case 0 -> {
              switch (b) {
                case 0: r = x; break;
                default: r = x * x * b;
              }
            }
            default -> r = switch (b) { case 1 -> Math.cos(x); default -> x > 0 ? x : -x; };
          }
          return r * (a + 1);
        }

        // found by the fuzzer: in a loop's condition, the return flag is the loop's variable, and
        // the arms' statements branched on it inside the branch of &&, from which it escaped
        @Differentiable
        static double inLoopCondition(double x, int n) {
          int it = 0;
          double s = x;
          while (it < 3 && (switch (n) { case 2: yield 3; default: yield 2 + it; }) < 4) {
            it++;
            s = s * x;
            if (s > 2) return s * s;
          }
          return s;
        }

        // found by the fuzzer: Math.round of a double is a long, so this switch expression is a long
        // (it was rejected as of unknown type)
        @Differentiable
        static double roundedArms(double x, int k) {
          double b = (switch (k) { case 4, 0 -> Math.round(x); default -> 1; });
          return b * x + x * x;
        }

        @Differentiable(order = 2)
        static double secondOrder(double x, double y, int k) {
          double z = switch (k) {
            case 0 -> x * x * y;
            case 1 -> { double t = Math.sin(x * y); yield t * t; }
            default -> Math.exp(x) * y * y;
          };
          switch (k) {
            case 0:
              z = z * x;
            case 1:
              z = z + y * y * x;
              break;
            default:
              z = z * z;
          }
          return z;
        }

        // arms typed through bit operators and a call (the fuzzer found them rejected as untyped)
        @Differentiable
        static double bitArms(double x, int k) {
          long b = switch (k) {
            case 0 -> Math.min(k, 2) | 4;
            case 1 -> (k << 2) ^ 3;
            case 2 -> ~k & 7;
            default -> (k >> 1) + Math.abs(k);
          };
          return b * x + x * x;
        }
      }
      """;

    private static Differentiated method(String name) {
        return Differentiated.of(TestCompiler.compileCached(SOURCE), "demo.Switches", name);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 0", "0.7, 1", "0.7, 2", "0.7, 3", "1.3, 3", "0.4, 4", "1.6, 4", "0.8, 5", "-0.3, -1"})
    void classicSwitchWithFallThroughAndBreaks(double x, int k) {
        check(method("classic"), x, k);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 1, 6.75", "1.5, 2, 1.4054651081081644", "1.5, 3, 0.408248290463863"})
    void returnInsideCases(double x, int k, double slope) {
        assertEquals(slope, check(method("returns"), x, k).scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 1", "0.6, 2", "0.6, 7"})
    void defaultInTheMiddleFallsThrough(double x, int k) {
        check(method("defaultInTheMiddle"), x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1.5, 1", "0.5, 1.5, 2", "0.5, 1.5, 3", "0.5, -1.5, 3", "0.5, 1.5, 9"})
    void arrowStatements(double x, double y, int k) {
        check(method("arrows"), x, y, k);
    }

    @ParameterizedTest
    @CsvSource({"0.9, 0", "0.9, 1", "0.9, 2", "0.5, 3", "0.9, 3", "0.9, 4", "0.9, 5"})
    void switchExpressionsOfEveryForm(double x, int k) {
        check(method("expressions"), x, k);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1.2", "-0.5, 0.3", "2.0, -1.0"})
    void switchInLoopAndLoopInCase(double w0, double x) {
        check(method("inLoops"), new double[] {w0, -0.7, 0.4, 1.1, 0.9, 0.8, 2.5, -0.2}, x);
        check(method("inLoops"), new double[] {w0, 0.7, 1.4, 1.1, 0.9}, x);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 1", "1.1, 1", "0.5, 1", "1.5, 0"})
    void labelledBreakOutOfTheSwitch(double x, int n) {
        check(method("labelled"), x, n);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1.0", "1.5, 2.0", "2.5, 12.182493960703473", "-0.5, 0.6065306597126334"})
    void selectorComputedFromTheInputIsPiecewiseConstant(double x, double slope) {
        assertEquals(slope, check(method("selectorFromX"), x).scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.8, 1, 6.4", "0.8, 2, 6.0", "0.8, 3, 1.0"})
    void variableDeclaredInAnEarlierCase(double x, int k, double slope) {
        assertEquals(slope, check(method("sharedScope"), x, k).scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.7, 0, 0", "0.7, 0, 3", "0.7, 1, 1", "-0.7, 2, 2"})
    void nestedSwitches(double x, int a, int b) {
        check(method("nested"), x, a, b);
    }

    @ParameterizedTest
    @CsvSource({"1.3, 0, 3.6", "1.3, 4, 3.6", "1.3, 2, 3.6", "2.2, 0, 6.4"})
    void switchExpressionOfMathRoundIsALong(double x, int k, double slope) {
        // d/dx (b·x + x²) with b piecewise constant: round(1.3) = 1, round(2.2) = 2, default 1
        assertEquals(slope, check(method("roundedArms"), x, k).scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"1.2, 0", "1.2, 2", "1.5, 1", "0.5, 0"})
    void switchExpressionInALoopConditionThatMayReturn(double x, int n) {
        check(method("inLoopCondition"), x, n);
    }

    @ParameterizedTest
    @CsvSource({"1.3, 0, 6.6", "1.3, 1, 9.6", "1.3, 2, 7.6", "1.3, 3, 6.6"})
    void switchExpressionOfBitOperators(double x, int k, double slope) {
        // d/dx (b·x + x²) = b + 2x: b = 4, 7, 5 and 1 + 3 = 4 (2.6 + b)
        assertEquals(slope, check(method("bitArms"), x, k).scalar("x"), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 0.8, 0", "0.6, 0.8, 1", "0.6, 0.8, 2"})
    void secondOrder(double x, double y, int k) {
        HessianCheck.check(method("secondOrder"), x, y, k);
    }
}
