package dev.adjoint.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * The benchmarks of some bench classes in one JVM, interleaved round by round, timed in the
 * thread's CPU time: on a machine shared with other work, where JMH's wall-clock times swing
 * several-fold with the load, the CPU time a call takes is the steadier figure (it still feels
 * the caches the others share). Prints each benchmark's median over the rounds after the first
 * third (warm-up), and its ratios to the objective and to the hand-written gradient of its class.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.adjoint.benchmarks.SideBySide 30 MlpBench MlpLayersBench</pre>
 */
public final class SideBySide {
    private static final List<String> METHODS =
            List.of("objective", "handWritten", "adjointReverse", "adjointForwardOnePass");

    private SideBySide() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Map<String, Object> benches = new LinkedHashMap<>();
        Map<String, Method> calls = new LinkedHashMap<>();
        for (int a = 1; a < args.length; a++) {
            Class<?> c = Class.forName("dev.adjoint.benchmarks." + args[a]);
            Object bench = c.getConstructor().newInstance();
            // JMH's @Param fields take their first value, as a JMH run without -p does (GmmBench's size)
            for (java.lang.reflect.Field f : c.getFields()) {
                Param param = f.getAnnotation(Param.class);
                if (param != null) f.set(bench, param.value()[0]);
            }
            c.getMethod("setUp").invoke(bench);
            for (String m : METHODS) {
                String key = args[a] + "." + m;
                benches.put(key, bench);
                calls.put(key, c.getMethod(m));
            }
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Method> e : calls.entrySet()) {
                Object bench = benches.get(e.getKey());
                int calls5 = 5;
                long t0 = clock.getCurrentThreadCpuTime();
                for (int k = 0; k < calls5; k++) e.getValue().invoke(bench);
                long t1 = clock.getCurrentThreadCpuTime();
                if (round >= rounds / 3)
                    times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((t1 - t0) / 1e3 / calls5);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((k, v) -> {
            Collections.sort(v);
            medians.put(k, v.get(v.size() / 2));
        });
        System.out.printf(
                Locale.ROOT, "%-45s %12s %12s %12s%n", "benchmark (CPU time)", "median", "÷ objective", "÷ hand");
        for (Map.Entry<String, Double> e : medians.entrySet()) {
            String cls = e.getKey().substring(0, e.getKey().indexOf('.'));
            double objective = medians.get(cls + ".objective"), hand = medians.get(cls + ".handWritten");
            System.out.printf(
                    Locale.ROOT,
                    "%-45s %9.0f us %11.2f× %11.2f×%n",
                    e.getKey(),
                    e.getValue(),
                    e.getValue() / objective,
                    e.getValue() / hand);
        }
    }
}
