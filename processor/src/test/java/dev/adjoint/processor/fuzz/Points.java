package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The points a random program is checked at: random arguments in the analyzer's domains,
 * copies of them, their printing, the scalar slots of the differentiated parameters, and
 * tangent directions built over those slots.
 */
final class Points {
    private Points() {}

    /** A random point: doubles and array elements uniform in [-P, P], ints in [0, IMAX]. */
    static Map<String, Object> randomPoint(Method m, Random r) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (Param q : m.params()) {
            p.put(
                    q.name(),
                    switch (q.type()) {
                        case DOUBLE -> coord(r);
                        case INT -> r.nextInt(Analyzer.IMAX + 1);
                        case IARR -> {
                            int[] v = new int[Analyzer.LEN];
                            for (int i = 0; i < v.length; i++) {
                                v[i] = r.nextInt(Analyzer.IMAX + 1);
                            }
                            yield v;
                        }
                        case DARR -> {
                            double[] v = new double[Analyzer.LEN];
                            for (int i = 0; i < v.length; i++) {
                                v[i] = coord(r);
                            }
                            yield v;
                        }
                        case DARR2 -> {
                            double[][] v = new double[Analyzer.ROWS][Analyzer.COLS];
                            for (double[] row : v) {
                                for (int i = 0; i < row.length; i++) {
                                    row[i] = coord(r);
                                }
                            }
                            yield v;
                        }
                        default -> throw new IllegalArgumentException(q.toString());
                    });
        }
        return p;
    }

    static double coord(Random r) {
        // a few significant digits, so that points print compactly and reproduce exactly
        return Math.round((r.nextDouble() * 2 - 1) * Analyzer.P * 1e6) / 1e6;
    }

    static Object[] args(Method m, Map<String, Object> point) {
        Object[] a = new Object[m.params().size()];
        for (int i = 0; i < a.length; i++) {
            Object v = point.get(m.params().get(i).name());
            if (v == null) {
                throw new IllegalArgumentException(
                        "no value for " + m.params().get(i).name());
            }
            a[i] = deepCopy(v);
        }
        return a;
    }

    static Object deepCopy(Object o) {
        if (o instanceof double[] v) {
            return v.clone();
        }
        if (o instanceof int[] v) {
            return v.clone();
        }
        if (o instanceof double[][] m) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                c[i] = m[i].clone();
            }
            return c;
        }
        return o;
    }

    static Object[] deepCopyAll(Object[] a) {
        Object[] c = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = deepCopy(a[i]);
        }
        return c;
    }

    static String show(Map<String, Object> point) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : point.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey())
                    .append(" = ")
                    .append(Arrays.deepToString(new Object[] {e.getValue()}).replaceAll("^\\[|\\]$", ""));
        }
        return sb.toString();
    }

    /** One scalar input slot: parameter index k and element (i, j). */
    record Slot(int param, int i, int j, String label) {
        double get(Object[] a) {
            Object o = a[param];
            if (o instanceof Double d) {
                return d;
            }
            if (o instanceof double[] v) {
                return v[i];
            }
            return ((double[][]) o)[i][j];
        }

        void set(Object[] a, double x) {
            Object o = a[param];
            if (o instanceof Double) {
                a[param] = x;
            } else if (o instanceof double[] v) {
                v[i] = x;
            } else {
                ((double[][]) o)[i][j] = x;
            }
        }

        double adjoint(Object adj) {
            if (adj instanceof Double d) {
                return d;
            }
            if (adj instanceof double[] v) {
                return v[i];
            }
            return ((double[][]) adj)[i][j];
        }
    }

    static List<Slot> slots(Method m) {
        List<Slot> out = new ArrayList<>();
        for (int k = 0; k < m.params().size(); k++) {
            Param p = m.params().get(k);
            if (!m.differentiated(p)) {
                continue;
            }
            switch (p.type()) {
                case DOUBLE -> out.add(new Slot(k, -1, -1, p.name()));
                case DARR -> {
                    for (int i = 0; i < Analyzer.LEN; i++) {
                        out.add(new Slot(k, i, -1, p.name() + "[" + i + "]"));
                    }
                }
                case DARR2 -> {
                    for (int i = 0; i < Analyzer.ROWS; i++) {
                        for (int j = 0; j < Analyzer.COLS; j++) {
                            out.add(new Slot(k, i, j, p.name() + "[" + i + "][" + j + "]"));
                        }
                    }
                }
                default -> {}
            }
        }
        return out;
    }

    static Object[] directionArgs(Method m, List<Slot> slots, double[] d) {
        List<Object> out = new ArrayList<>();
        Map<Integer, Object> byParam = new LinkedHashMap<>();
        for (int k = 0; k < m.params().size(); k++) {
            Param p = m.params().get(k);
            if (!m.differentiated(p)) {
                continue;
            }
            if (p.type() == T.DARR) {
                byParam.put(k, new double[Analyzer.LEN]);
            } else if (p.type() == T.DARR2) {
                byParam.put(k, new double[Analyzer.ROWS][Analyzer.COLS]);
            } else if (p.type() == T.DOUBLE) {
                byParam.put(k, 0.0);
            }
        }
        Object[] tmp = new Object[m.params().size()];
        for (Map.Entry<Integer, Object> e : byParam.entrySet()) {
            tmp[e.getKey()] = e.getValue();
        }
        for (int s = 0; s < slots.size(); s++) {
            slots.get(s).set(tmp, d[s]);
        }
        for (int k = 0; k < tmp.length; k++) {
            if (byParam.containsKey(k)) {
                out.add(tmp[k]);
            }
        }
        return out.toArray();
    }
}
