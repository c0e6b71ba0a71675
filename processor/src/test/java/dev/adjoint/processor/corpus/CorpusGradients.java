package dev.adjoint.processor.corpus;

import dev.adjoint.processor.corpus.CorpusSources.CorpusMethod;
import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.TestCompiler;
import dev.adjoint.runtime.Dual;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks the generated derivatives of one corpus method at the points of points.tsv, in both
 * modes: the reverse-mode gradient and the tangent along each unit direction against central
 * finite differences of the method itself (step 1e-6·max(1, |x|), tolerance
 * {@code rtol·max(|derivative|, |difference|) + GradCheck.FD_ATOL·max(1, |f(x±h)|)}), the tangent
 * against the gradient (relative 1e-9), and both modes' value against the method's.
 *
 * <p>The generated methods are found by their parameter types (the method's, behind the receiver
 * for an instance method; each differentiated parameter followed by its tangent for the tangent
 * method), so the check keeps working when overloads get distinct names. The corpus methods take
 * scalars only, so each {@code double} parameter is differentiated and the others are constants.
 */
final class CorpusGradients {

  private CorpusGradients() {}

  /**
   * Checks that a method that does not differentiate yet is finite at its points and one step
   * either side, and that its finite differences there are stable (steps 1e-6 and 2.5e-7 agree
   * within 1e-4), so that its points are ready for the day it differentiates.
   */
  static void checkPoints(TestCompiler.Compiled compiled, CorpusMethod m, CorpusPoints.Entry entry) {
    Class<?> owner = compiled.load(m.className());
    Class<?>[] types = types(m);
    Method primal = primal(owner, m, types);
    Object receiver = Modifier.isStatic(primal.getModifiers()) ? null : receiver(owner, entry, m);
    for (double[] point : entry.points()) {
      if (point.length != types.length) {
        throw new AssertionError(m.key() + ": points.tsv gives " + point.length + " arguments");
      }
      if (!Double.isFinite(primal(primal, receiver, types, point))) {
        throw new AssertionError(m.key() + " is not finite at " + Arrays.toString(point) + ": choose another point");
      }
      for (int i = 0; i < point.length; i++) {
        if (types[i] != double.class) {
          continue;
        }
        double[] coarse = difference(primal, receiver, types, point, i, 1e-6);
        double[] fine = difference(primal, receiver, types, point, i, 2.5e-7);
        double tol = 1e-4 * Math.max(Math.abs(coarse[0]), Math.abs(fine[0]))
            + GradCheck.FD_ATOL * Math.max(1, coarse[1]);
        if (!(Math.abs(coarse[0] - fine[0]) <= tol)) {
          throw new AssertionError(String.format(Locale.ROOT,
              "%s at %s: finite differences along argument %d with steps 1e-6 and 2.5e-7 disagree (%.17g, %.17g):"
                  + " a kink or a branch boundary near the point? choose another point",
              m.key(), Arrays.toString(point), i, coarse[0], fine[0]));
        }
      }
    }
  }

  /**
   * The central difference along argument {@code i} with step {@code step}·max(1, |x_i|), and the
   * larger of |f(x+h)| and |f(x-h)|; both must be finite.
   */
  private static double[] difference(Method primal, Object receiver, Class<?>[] types, double[] point, int i, double step) {
    double h = step * Math.max(1, Math.abs(point[i]));
    double[] plus = point.clone();
    double[] minus = point.clone();
    plus[i] += h;
    minus[i] -= h;
    double fp = primal(primal, receiver, types, plus);
    double fm = primal(primal, receiver, types, minus);
    double fd = (fp - fm) / (plus[i] - minus[i]);
    if (!Double.isFinite(fd)) {
      throw new AssertionError(primal + " has no finite difference at " + Arrays.toString(point) + " along argument "
          + i + ": choose another point");
    }
    return new double[] {fd, Math.max(Math.abs(fp), Math.abs(fm))};
  }

  static void check(TestCompiler.Compiled compiled, CorpusMethod m, CorpusPoints.Entry entry) {
    Class<?> owner = compiled.load(m.className());
    Class<?>[] types = types(m);
    Method primal = primal(owner, m, types);
    Object receiver = Modifier.isStatic(primal.getModifiers()) ? null : receiver(owner, entry, m);
    Class<?> grad = compiled.load(Differentiated.gradClassName(owner));
    List<Class<?>> reverseTypes = new ArrayList<>();
    List<Class<?>> tangentTypes = new ArrayList<>();
    if (receiver != null) {
      reverseTypes.add(owner);
      tangentTypes.add(owner);
    }
    for (Class<?> t : types) {
      reverseTypes.add(t);
      tangentTypes.add(t);
      if (t == double.class) {
        tangentTypes.add(t);
      }
    }
    Method reverse = generated(grad, m, reverseTypes, false);
    Method tangent = generated(grad, m, tangentTypes, true);
    for (double[] point : entry.points()) {
      checkAt(m, primal, receiver, reverse, tangent, types, point, entry.rtol());
    }
  }

  private static void checkAt(CorpusMethod m, Method primal, Object receiver, Method reverse, Method tangent,
      Class<?>[] types, double[] point, double rtol) {
    String where = m.key() + " at " + Arrays.toString(point);
    if (point.length != types.length) {
      throw new AssertionError(where + ": points.tsv gives " + point.length + " arguments");
    }
    double value = primal(primal, receiver, types, point);
    Object record = call(reverse, withReceiver(receiver, args(types, point)), where);
    RecordComponent[] components = record.getClass().getRecordComponents();
    GradCheck.assertValue(value, (Double) read(components[0], record), "reverse-mode value of " + where);
    StringBuilder errors = new StringBuilder();
    int component = 1;
    for (int i = 0; i < types.length; i++) {
      if (types[i] != double.class) {
        continue;
      }
      double adjoint = (Double) read(components[component++], record);
      double tangentValue = tangentAlong(tangent, receiver, types, point, i, value, where);
      double[] difference = difference(primal, receiver, types, point, i, 1e-6);
      double fd = difference[0];
      double tol = rtol * Math.max(Math.abs(adjoint), Math.abs(fd)) + GradCheck.FD_ATOL * Math.max(1, difference[1]);
      if (!(Math.abs(adjoint - fd) <= tol)) {
        errors.append(String.format(Locale.ROOT, "  d/d(argument %d): reverse mode %.17g, finite difference %.17g (tol %.3g)%n",
            i, adjoint, fd, tol));
      }
      if (!(Math.abs(tangentValue - adjoint) <= 1e-9 * Math.abs(adjoint) + 1e-300)) {
        errors.append(String.format(Locale.ROOT, "  d/d(argument %d): tangent mode %.17g, reverse mode %.17g%n",
            i, tangentValue, adjoint));
      }
    }
    if (errors.length() > 0) {
      throw new AssertionError("wrong derivative of " + where + " (value " + value + "):\n" + errors);
    }
  }

  /** The tangent-mode derivative along parameter {@code along}; checks the tangent's value too. */
  private static double tangentAlong(Method tangent, Object receiver, Class<?>[] types, double[] point, int along,
      double value, String where) {
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      args.add(arg(types[i], point[i]));
      if (types[i] == double.class) {
        args.add(i == along ? 1.0 : 0.0);
      }
    }
    Dual dual = (Dual) call(tangent, withReceiver(receiver, args.toArray()), where);
    GradCheck.assertValue(value, dual.value(), "tangent-mode value of " + where);
    return dual.tangent();
  }

  private static Method generated(Class<?> grad, CorpusMethod m, List<Class<?>> types, boolean tangentMode) {
    List<Method> found = new ArrayList<>();
    for (Method g : grad.getMethods()) {
      boolean named = g.getName().startsWith(m.name()) && g.getName().endsWith("Tangent") == tangentMode;
      boolean returns = tangentMode ? g.getReturnType() == Dual.class : g.getReturnType().isRecord();
      if (named && returns && Modifier.isStatic(g.getModifiers()) && Arrays.asList(g.getParameterTypes()).equals(types)) {
        found.add(g);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError((tangentMode ? "tangent" : "reverse") + " method of " + m.key() + " with parameters "
          + types + ": found " + found + " among " + Arrays.toString(grad.getDeclaredMethods()));
    }
    return found.get(0);
  }

  private static Class<?>[] types(CorpusMethod m) {
    return m.paramTypes().stream().map(CorpusGradients::type).toArray(Class<?>[]::new);
  }

  private static Method primal(Class<?> owner, CorpusMethod m, Class<?>[] types) {
    try {
      Method primal = owner.getDeclaredMethod(m.name(), types);
      primal.setAccessible(true);
      return primal;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("no method " + m.key(), e);
    }
  }

  private static Object receiver(Class<?> owner, CorpusPoints.Entry entry, CorpusMethod m) {
    if (entry.factory() == null) {
      throw new AssertionError(m.key() + " is an instance method: give points.tsv a receiver factory");
    }
    Class<?>[] types = new Class<?>[entry.factoryArgs().length];
    Arrays.fill(types, double.class);
    try {
      Method factory = owner.getMethod(entry.factory(), types);
      return factory.invoke(null, Arrays.stream(entry.factoryArgs()).boxed().toArray());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot make the receiver of " + m.key(), e);
    }
  }

  private static double primal(Method primal, Object receiver, Class<?>[] types, double[] point) {
    try {
      return (Double) primal.invoke(receiver, args(types, point));
    } catch (InvocationTargetException e) {
      throw new AssertionError(primal + " threw at " + Arrays.toString(point), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Object call(Method m, Object[] args, String where) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw for " + where, e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object[] withReceiver(Object receiver, Object[] args) {
    if (receiver == null) {
      return args;
    }
    Object[] out = new Object[args.length + 1];
    out[0] = receiver;
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  private static Object[] args(Class<?>[] types, double[] point) {
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      out[i] = arg(types[i], point[i]);
    }
    return out;
  }

  private static Object arg(Class<?> type, double v) {
    if (type == double.class) {
      return v;
    }
    if (type == int.class) {
      return (int) v;
    }
    if (type == long.class) {
      return (long) v;
    }
    throw new AssertionError("points.tsv holds scalars only; parameter type " + type);
  }

  private static Class<?> type(String name) {
    return switch (name) {
      case "double" -> double.class;
      case "int" -> int.class;
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      case "double[]" -> double[].class;
      case "int[]" -> int[].class;
      default -> throw new AssertionError("corpus parameter type not handled by the check: " + name);
    };
  }
}
