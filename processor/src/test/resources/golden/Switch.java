package golden;

import dev.adjoint.Differentiable;

/**
 * switch, lowered to an if / else if chain on the selector: a classic switch whose case 1 falls
 * through into case 2 (so the arm of case 1 holds both bodies) and whose default stands first;
 * and a switch expression with an arrow value and a block that yields.
 */
final class Switch {
  @Differentiable
  static double piecewise(double x, int k) {
    double y = x;
    switch (k) {
      default:
        y = -x;
        break;
      case 1:
        y = x * x;
      case 2:
        y = y + Math.sin(x);
        break;
    }
    return y * x;
  }

  @Differentiable
  static double scaled(double x, int k) {
    double s = switch (k) {
      case 0, 1 -> x * 2;
      default -> {
        double t = Math.exp(x);
        yield t * k;
      }
    };
    return s * x;
  }
}
