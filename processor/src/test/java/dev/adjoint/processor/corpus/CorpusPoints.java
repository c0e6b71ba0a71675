package dev.adjoint.processor.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points at which the derivatives of each corpus method are checked, read from
 * {@code corpus/points.tsv}: one line per method, tab-separated —
 * {@code key}, {@code receiver} ({@code -} for a static method, else a static factory of the
 * method's class with its arguments, e.g. {@code of(0.5, 2)}), {@code points} (points separated by
 * {@code ;}, the arguments of one point by {@code ,}; every argument is a scalar), and optionally
 * {@code rtol}, the relative tolerance of a derivative against its finite difference when the
 * default does not suit the method. Lines starting with {@code #} are comments.
 */
final class CorpusPoints {

    static final Path FILE = CorpusSources.ROOT.resolve("points.tsv");

    /** The receiver factory ({@code null} for a static method), the points and the tolerance of one method. */
    record Entry(String factory, double[] factoryArgs, List<Object[]> points, double rtol) {}

    private CorpusPoints() {}

    static Map<String, Entry> read(double defaultRtol) {
        Map<String, Entry> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length < 3) {
                    throw new IllegalArgumentException("points.tsv: expected key, receiver, points: " + line);
                }
                String factory = null;
                double[] factoryArgs = new double[0];
                if (!cols[1].trim().equals("-")) {
                    String r = cols[1].trim();
                    int open = r.indexOf('(');
                    factory = r.substring(0, open);
                    factoryArgs = numbers(r.substring(open + 1, r.length() - 1));
                }
                List<Object[]> points = new ArrayList<>();
                for (String point : cols[2].split(";")) {
                    points.add(arguments(point));
                }
                double rtol = cols.length > 3 ? Double.parseDouble(cols[3].trim()) : defaultRtol;
                if (out.put(cols[0].trim(), new Entry(factory, factoryArgs, points, rtol)) != null) {
                    throw new IllegalArgumentException("points.tsv: two lines for " + cols[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The arguments of one point: a {@code Double} for a number, a {@code double[]} for {@code [..]}. */
    private static Object[] arguments(String point) {
        List<Object> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= point.length(); i++) {
            char c = i < point.length() ? point.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String arg = point.substring(start, i).trim();
                out.add(
                        arg.startsWith("[")
                                ? numbers(arg.substring(1, arg.length() - 1))
                                : (Object) Double.parseDouble(arg));
                start = i + 1;
            }
        }
        return out.toArray();
    }

    private static double[] numbers(String list) {
        if (list.isBlank()) {
            return new double[0];
        }
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }
}
