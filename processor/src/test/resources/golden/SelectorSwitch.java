package golden;

import dev.adjoint.Differentiable;

/**
 * switch on a String and on an enum: the graph computes with numbers, so the generated code first
 * maps the selector to the index of the case it takes with a switch of its own (kindCase,
 * modeCase: -1 for default), then branches on that int like a switch on an int. A null selector
 * throws there, as the original switch does.
 */
final class SelectorSwitch {
  enum Mode { FAST, EXACT }

  @Differentiable
  static double byName(double x, String kind) {
    return switch (kind) {
      case "linear" -> 2 * x;
      case "quadratic", "square" -> x * x;
      default -> {
        double t = Math.exp(x);
        yield t * x;
      }
    };
  }

  @Differentiable
  static double byMode(double x, Mode mode) {
    double y = x;
    switch (mode) {
      case FAST:
        y = x * x;
      case EXACT:
        y = y + Math.sin(x);
        break;
    }
    return y * x;
  }
}
