package golden;

import dev.adjoint.Differentiable;
import java.util.Arrays;

/**
 * Library calls on arrays, written out as the loops they are: System.arraycopy and Arrays.fill
 * after a check that throws what the library would; an argument check that only reads, called
 * where it stands; a bit mask on an int and a short that wraps.
 */
final class ArrayLibrary {
  static void checkSameLength(double[] a, double[] b) {
    if (a.length != b.length) throw new IllegalArgumentException(a.length + " != " + b.length);
  }

  @Differentiable
  static double shifted(double[] x, double[] y, int mode) {
    checkSameLength(x, y);
    double[] t = new double[x.length + 1];
    System.arraycopy(x, 0, t, 1, x.length);
    Arrays.fill(t, 0, 1, y[0]);
    int parity = mode;
    parity &= 1;
    short scale = (short) (mode * 1000);
    double s = 0;
    for (int i = 0; i < t.length; i++) s += t[i] * t[i] * (i + parity + scale);
    return s;
  }
}
