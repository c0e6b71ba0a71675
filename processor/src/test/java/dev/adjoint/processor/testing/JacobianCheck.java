package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.DualArray;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks the generated methods of a {@code double[]}-valued method {@code f} at one point, with
 * real numbers: {@code fJacobian} (forward mode, reverse mode and the mode it picks) against
 * central finite differences and against each other, {@code fTangent} against J·t and
 * {@code fVjp} against seedᵀ·J for random t and seed, a seed of the wrong length, {@code
 * fJacobianInto} against {@code fJacobian}, and every argument left as it was.
 */
public final class JacobianCheck {
    private final Method primal;
    private final Class<?> grad;
    private final String name;
    private final List<Integer> differentiated = new ArrayList<>();
    /** For an instance method, the receiver: the primal is called on it, the generated methods take it first. */
    private final Object receiver;

    private JacobianCheck(TestCompiler.Compiled compiled, String className, String method, Object receiver) {
        this.receiver = receiver;
        Class<?> type = compiled.load(className);
        this.grad = compiled.load(className + "Grad");
        this.name = method;
        this.primal = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(method))
                .findFirst()
                .orElseThrow();
        primal.setAccessible(true);
        Class<?> record = Arrays.stream(grad.getDeclaredClasses())
                .filter(c -> c.getSimpleName()
                        .equals(Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Jacobian"))
                .findFirst()
                .orElseThrow();
        List<String> components = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        for (int i = 0; i < primal.getParameterCount(); i++) {
            if (components.contains("d" + primal.getParameters()[i].getName())) differentiated.add(i);
        }
    }

    /** Checks {@code className.method} at {@code args} (boxed doubles, arrays, ints…); returns its Jacobian, m × n. */
    public static double[][] check(TestCompiler.Compiled compiled, String className, String method, Object... args) {
        return new JacobianCheck(compiled, className, method, null).checkAt(args);
    }

    /** As {@link #check}, for the instance method {@code method} of {@code receiver} (API.md, "Instance methods"). */
    public static double[][] checkOn(TestCompiler.Compiled compiled, Object receiver, String method, Object... args) {
        return new JacobianCheck(compiled, receiver.getClass().getName(), method, receiver).checkAt(args);
    }

    private double[] primal(Object[] args) {
        try {
            return (double[]) primal.invoke(receiver, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The arguments of a generated method: the receiver first, for an instance method. */
    private Object[] receiverFirst(Object[] args) {
        return receiver == null ? args : prepend(receiver, args);
    }

    private double[][] checkAt(Object[] args) {
        Object[] before = deepCopy(args);
        double[] value = primal(deepCopy(args));
        int m = value.length;
        int n = 0;
        for (int i : differentiated) n += count(args[i]);
        double[][] fd = finiteDifferences(args, m, n);
        double[][] forward = jacobian(1, args, m, n);
        double[][] reverse = jacobian(2, args, m, n);
        double[][] chosen = jacobian(0, args, m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                String at = name + ": ∂f[" + i + "]/∂input[" + j + "]";
                double scale = 1 + Math.abs(forward[i][j]);
                assertEquals(forward[i][j], reverse[i][j], 1e-11 * scale, at + ", forward against reverse mode");
                assertEquals(forward[i][j], chosen[i][j], 1e-11 * scale, at + ", the mode fJacobian picks");
                assertEquals(fd[i][j], forward[i][j], 1e-5 * scale, at + ", against central differences");
            }
        }
        checkInto(args, chosen, m, n);
        Random random = new Random(42);
        double[] t = new double[n];
        for (int j = 0; j < n; j++) t[j] = random.nextGaussian();
        DualArray dual = tangent(args, t);
        assertArrayEquals(value, dual.value(), 1e-12, name + "Tangent's value");
        for (int i = 0; i < m; i++) {
            double jt = 0;
            for (int j = 0; j < n; j++) jt += forward[i][j] * t[j];
            assertEquals(jt, dual.tangent()[i], 1e-9 * (1 + Math.abs(jt)), name + "Tangent: (J·t)[" + i + "]");
        }
        double[] seed = new double[m];
        for (int i = 0; i < m; i++) seed[i] = random.nextGaussian();
        Object vjp = vjp(args, seed);
        assertArrayEquals(value, (double[]) component(vjp, 0), 1e-12, name + "Vjp's value");
        double[] product = flatten(vjp);
        for (int j = 0; j < n; j++) {
            double sj = 0;
            for (int i = 0; i < m; i++) sj += seed[i] * forward[i][j];
            assertEquals(sj, product[j], 1e-9 * (1 + Math.abs(sj)), name + "Vjp: (seedᵀ·J)[" + j + "]");
        }
        InvocationTargetException wrong = assertThrows(
                InvocationTargetException.class, () -> vjpMethod().invoke(null, withSeed(args, new double[m + 1])));
        assertTrue(
                wrong.getCause() instanceof IllegalArgumentException
                        && wrong.getCause().getMessage().contains("[Adjoint.SeedLength]"),
                name + "Vjp with a seed of length m + 1: " + wrong.getCause());
        for (int i = 0; i < args.length; i++)
            assertTrue(
                    Arrays.deepEquals(new Object[] {before[i]}, new Object[] {args[i]}), "argument " + i + " changed");
        return forward;
    }

    private double[][] finiteDifferences(Object[] args, int m, int n) {
        double[][] fd = new double[m][n];
        for (int j = 0; j < n; j++) {
            double x = get(args, j);
            double h = 1e-6 * Math.max(1, Math.abs(x));
            Object[] plus = deepCopy(args), minus = deepCopy(args);
            set(plus, j, x + h);
            set(minus, j, x - h);
            double[] fp = primal(plus), fm = primal(minus);
            for (int i = 0; i < m; i++) fd[i][j] = (fp[i] - fm[i]) / (2 * h);
        }
        return fd;
    }

    private double[][] jacobian(int mode, Object[] args, int m, int n) {
        Method method = Arrays.stream(grad.getDeclaredMethods())
                .filter(g -> g.getName().equals(name + "Jacobian")
                        && g.getParameterCount() == args.length + (receiver == null ? 0 : 1) + (mode == 0 ? 0 : 1))
                .findFirst()
                .orElseThrow();
        method.setAccessible(true);
        Object[] call = mode == 0 ? receiverFirst(deepCopy(args)) : prepend(mode, receiverFirst(deepCopy(args)));
        Object record = invoke(method, call);
        assertArrayEquals(primal(deepCopy(args)), (double[]) component(record, 0), 1e-12, name + "Jacobian's value");
        double[][] out = new double[m][n];
        int j = 0;
        for (int k = 0; k < differentiated.size(); k++) {
            Object block = component(record, k + 1);
            Object arg = args[differentiated.get(k)];
            for (int i = 0; i < m; i++) {
                double[] row =
                        flattenOne(block instanceof double[] d ? (Object) d[i] : java.lang.reflect.Array.get(block, i));
                System.arraycopy(row, 0, out[i], j, row.length);
            }
            j += count(arg);
        }
        assertEquals(n, j);
        return out;
    }

    /**
     * {@code fJacobianInto} (an addition of the project) into an array with room on both sides of
     * the block: the entries are {@code fJacobian}'s bit for bit, row-major from the offset, nothing
     * is written outside, the value is the primal's; an array one entry too short is refused, naming
     * the length needed, before anything is written.
     */
    private void checkInto(Object[] args, double[][] chosen, int m, int n) {
        Method into = Arrays.stream(grad.getDeclaredMethods())
                .filter(g -> g.getName().equals(name + "JacobianInto"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + "JacobianInto is generated"));
        int offset = 3;
        double untouched = -7.25;
        double[] flat = new double[offset + m * n + 2];
        Arrays.fill(flat, untouched);
        double[] value = (double[]) invoke(into, withArray(args, flat, offset));
        assertArrayEquals(primal(deepCopy(args)), value, 1e-12, name + "JacobianInto's value");
        for (int k = 0; k < flat.length; k++) {
            if (k < offset || k >= offset + m * n) {
                assertEquals(untouched, flat[k], 0, name + "JacobianInto wrote outside its block, at " + k);
            } else {
                int i = (k - offset) / n, j = (k - offset) % n;
                assertEquals(chosen[i][j], flat[k], 0, name + "JacobianInto: ∂f[" + i + "]/∂input[" + j + "]");
            }
        }
        if (m * n == 0) return;
        double[] tooShort = new double[offset + m * n - 1];
        Arrays.fill(tooShort, untouched);
        InvocationTargetException refused = assertThrows(
                InvocationTargetException.class, () -> into.invoke(null, withArray(args, tooShort, offset)));
        assertTrue(
                refused.getCause() instanceof IllegalArgumentException
                        && refused.getCause().getMessage().contains("length at least")
                        && refused.getCause().getMessage().contains("= " + (offset + m * n) + ","),
                name + "JacobianInto into an array one entry too short: " + refused.getCause());
        for (double v : tooShort) assertEquals(untouched, v, 0, "nothing written into the array refused");
    }

    private Object[] withArray(Object[] args, double[] jacobian, int offset) {
        Object[] call = receiverFirst(deepCopy(args));
        call = Arrays.copyOf(call, call.length + 2);
        call[call.length - 2] = jacobian;
        call[call.length - 1] = offset;
        return call;
    }

    private DualArray tangent(Object[] args, double[] t) {
        Method method = Arrays.stream(grad.getDeclaredMethods())
                .filter(g -> g.getName().equals(name + "Tangent"))
                .findFirst()
                .orElseThrow();
        List<Object> call = new ArrayList<>();
        if (receiver != null) call.add(receiver);
        Object[] direction = deepCopy(args);
        for (int j = 0; j < t.length; j++) set(direction, j, t[j]);
        for (int i = 0; i < args.length; i++) {
            call.add(deepCopy(args)[i]);
            if (differentiated.contains(i)) call.add(direction[i]);
        }
        return (DualArray) invoke(method, call.toArray());
    }

    private Method vjpMethod() {
        return Arrays.stream(grad.getDeclaredMethods())
                .filter(g -> g.getName().equals(name + "Vjp"))
                .findFirst()
                .orElseThrow();
    }

    private Object vjp(Object[] args, double[] seed) {
        return invoke(vjpMethod(), withSeed(args, seed));
    }

    private Object[] withSeed(Object[] args, double[] seed) {
        Object[] call = Arrays.copyOf(receiverFirst(deepCopy(args)), args.length + (receiver == null ? 1 : 2));
        call[call.length - 1] = seed;
        return call;
    }

    private double[] flatten(Object record) {
        List<Double> all = new ArrayList<>();
        for (int k = 0; k < differentiated.size(); k++)
            for (double v : flattenOne(component(record, k + 1))) all.add(v);
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] flattenOne(Object v) {
        if (v instanceof Double d) return new double[] {d};
        if (v instanceof double[] a) return a.clone();
        return Arrays.stream((double[][]) v).flatMapToDouble(Arrays::stream).toArray();
    }

    private static Object component(Object record, int k) {
        try {
            return record.getClass().getRecordComponents()[k].getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(Object arg) {
        return flattenOne(arg).length;
    }

    /** Element {@code j} of the differentiated arguments flattened in order. */
    private double get(Object[] args, int j) {
        for (int i : differentiated) {
            double[] flat = flattenOne(args[i]);
            if (j < flat.length) return flat[j];
            j -= flat.length;
        }
        throw new IndexOutOfBoundsException();
    }

    private void set(Object[] args, int j, double v) {
        for (int i : differentiated) {
            Object a = args[i];
            if (a instanceof Double) {
                if (j == 0) {
                    args[i] = v;
                    return;
                }
                j--;
            } else if (a instanceof double[] d) {
                if (j < d.length) {
                    d[j] = v;
                    return;
                }
                j -= d.length;
            } else {
                for (double[] row : (double[][]) a) {
                    if (j < row.length) {
                        row[j] = v;
                        return;
                    }
                    j -= row.length;
                }
            }
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static Object[] deepCopy(Object[] args) {
        Object[] c = args.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] instanceof double[] a) c[i] = a.clone();
            else if (c[i] instanceof double[][] a)
                c[i] = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        }
        return c;
    }

    private static Object invoke(Method m, Object[] args) {
        try {
            m.setAccessible(true);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
