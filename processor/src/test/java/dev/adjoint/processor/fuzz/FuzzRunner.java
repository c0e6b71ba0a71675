package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Checker.Failure;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.testing.Differentiated;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates, compiles and checks random programs. Class {@code c} of a run with base seed
 * {@code S} is generated from {@code new Random(mix(S, c))} (its helpers) and each of its methods
 * {@code j} from {@code new Random(mix(S, c, j))}, so a run is reproducible from its seed and
 * count alone, and a failure is reported with the seed, class and method that produced it.
 */
final class FuzzRunner {

    record Config(
            long seed,
            int count,
            int perClass,
            int points,
            Set<String> excluded,
            int maxShrinks,
            long shrinkMillis,
            PrintStream log,
            int startClass) {
        Config(
                long seed,
                int count,
                int perClass,
                int points,
                Set<String> excluded,
                int maxShrinks,
                long shrinkMillis,
                PrintStream log) {
            this(seed, count, perClass, points, excluded, maxShrinks, shrinkMillis, log, 0);
        }
    }

    /** A failure found by the run, with its shrunk form. */
    record Found(int classIndex, Program program, Map<String, Object> point, Failure failure, Shrinker.Shrunk shrunk) {
        String report(long seed) {
            StringBuilder sb = new StringBuilder();
            sb.append("=== ")
                    .append(failure.kind())
                    .append(" [")
                    .append(failure.signature())
                    .append("]\n");
            sb.append("seed ")
                    .append(seed)
                    .append(", class F")
                    .append(classIndex)
                    .append(", method ")
                    .append(program.method().name())
                    .append('\n');
            if (shrunk != null) {
                sb.append("shrunk program:\n").append(shrunk.program().source("C"));
                if (!point.isEmpty()) {
                    sb.append("at ")
                            .append(Points.show(
                                    Shrinker.restrict(point, shrunk.program().method())))
                            .append('\n');
                }
                sb.append(shrunk.failure().detail()).append('\n');
                if (shrunk.generated() != null) {
                    sb.append("generated:\n").append(shrunk.generated());
                }
            } else {
                sb.append("program (not shrunk):\n").append(program.pruned().source("C"));
                if (!point.isEmpty()) {
                    sb.append("at ").append(Points.show(point)).append('\n');
                }
                sb.append(failure.detail()).append('\n');
            }
            return sb.toString();
        }
    }

    static final class Stats {
        int programs;
        int classes;
        int compilations;
        int points;
        int passed;
        /** Points where the method throws through an argument check (and both modes throw the same). */
        int threw;

        int skippedNonsmooth;
        int skippedNonfinite;
        int programsFullySkipped;
        int failedPrograms;
        long millis;
        long shrinkMillis;
        final Map<String, Integer> failuresBySignature = new LinkedHashMap<>();

        String summary() {
            double skipRate = points == 0 ? 0 : 100.0 * (skippedNonsmooth + skippedNonfinite) / points;
            return String.format(
                    Locale.ROOT,
                    "programs %d in %d classes (%d compilations), points %d: passed %d (%d where all modes threw), skipped %d non-smooth + %d non-finite"
                            + " (%.2f%%), programs with every point skipped %d, failed programs %d %s; %.1f s (shrinking %.1f s)",
                    programs,
                    classes,
                    compilations,
                    points,
                    passed,
                    threw,
                    skippedNonsmooth,
                    skippedNonfinite,
                    skipRate,
                    programsFullySkipped,
                    failedPrograms,
                    failuresBySignature,
                    millis / 1000.0,
                    shrinkMillis / 1000.0);
        }
    }

    record Report(Stats stats, List<Found> found) {}

    static long mix(long... xs) {
        long h = 0x9E3779B97F4A7C15L;
        for (long x : xs) {
            h ^= x + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    private final Config cfg;
    private final boolean paramAssign;
    private final Stats stats = new Stats();
    private final List<Found> found = new ArrayList<>();

    FuzzRunner(Config cfg) {
        this.cfg = cfg;
        this.paramAssign = !cfg.excluded().contains(Feature.PARAM_ASSIGN.name());
    }

    /** The helpers of class c. */
    List<Method> helpers(int c) {
        Random rc = new Random(mix(cfg.seed(), c));
        Analyzer an = new Analyzer(paramAssign);
        List<Method> hs = new ArrayList<>();
        int nh = rc.nextInt(4);
        for (int k = 0; k < nh; k++) {
            Method h = new Generator(rc, cfg.excluded(), an).helper("h" + k, 4 + rc.nextInt(6));
            if (k > 0 && !cfg.excluded().contains(Feature.OVERLOADS.name()) && rc.nextInt(3) == 0) {
                Method o = Overloads.overloadOf(hs, k, rc, cfg.excluded(), an);
                if (o != null) h = o;
            }
            an.addHelper(h);
            hs.add(h);
        }
        return hs;
    }

    Method method(int c, int j, List<Method> helpers) {
        Analyzer an = new Analyzer(paramAssign);
        for (Method h : helpers) {
            an.addHelper(h);
        }
        Random rj = new Random(mix(cfg.seed(), c, j));
        return new Generator(rj, cfg.excluded(), an)
                .method("m" + j, rj.nextInt(8) == 0 ? 20 + rj.nextInt(40) : 3 + rj.nextInt(20));
    }

    Report run() {
        long t0 = System.currentTimeMillis();
        int c = cfg.startClass();
        while (stats.programs < cfg.count()) {
            int n = Math.min(cfg.perClass(), cfg.count() - stats.programs);
            runClass(c, n);
            stats.programs += n;
            stats.classes++;
            c++;
            if (cfg.log() != null && stats.classes % 20 == 0) {
                cfg.log().println("[fuzz] " + stats.summary().replaceAll("; .*", ""));
            }
        }
        stats.millis = System.currentTimeMillis() - t0;
        return new Report(stats, found);
    }

    private void runClass(int c, int n) {
        List<Method> helpers = helpers(c);
        List<Method> methods = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            methods.add(method(c, j, helpers));
        }
        if (Boolean.getBoolean("adjoint.fuzz.dump") && cfg.log() != null) {
            cfg.log().println(Program.classSource("F" + c, helpers, methods, false));
        }
        compileAndCheck(c, helpers, methods, true);
    }

    private void compileAndCheck(int c, List<Method> helpers, List<Method> methods, boolean top) {
        String cls = "F" + c;
        stats.compilations++;
        Compile.Result res = Compile.compile(Program.classSource(cls, helpers, methods, false));
        if (res.compiled() == null) {
            if (top) {
                for (int k = 0; k < helpers.size(); k++) {
                    stats.compilations++;
                    Compile.Result hr =
                            Compile.compile(Program.classSource(cls, helpers.subList(0, k + 1), List.of(), false));
                    if (hr.compiled() == null) {
                        record(c, new Program(helpers.subList(0, k), helpers.get(k)), Map.of(), hr.failure());
                        stats.failedPrograms += methods.size();
                        return;
                    }
                }
            }
            if (methods.size() == 1) {
                record(c, new Program(helpers, methods.get(0)), Map.of(), res.failure());
                stats.failedPrograms++;
                return;
            }
            int half = methods.size() / 2;
            compileAndCheck(c, helpers, methods.subList(0, half), false);
            compileAndCheck(c, helpers, methods.subList(half, methods.size()), false);
            return;
        }
        for (Method m : methods) {
            checkMethod(c, res, cls, helpers, m);
        }
    }

    private void checkMethod(int c, Compile.Result res, String cls, List<Method> helpers, Method m) {
        int j = Integer.parseInt(m.name().substring(1));
        Random pr = new Random(mix(cfg.seed(), c, j, 7));
        Differentiated d;
        try {
            d = Checker.load(res.compiled(), Program.PACKAGE + "." + cls, m);
        } catch (AssertionError e) {
            record(
                    c,
                    new Program(helpers, m),
                    Map.of(),
                    new Failure(Checker.Kind.SHAPE, "shape", String.valueOf(e.getMessage())));
            stats.failedPrograms++;
            return;
        }
        int skipped = 0;
        for (int k = 0; k < cfg.points(); k++) {
            Map<String, Object> point = Points.randomPoint(m, pr);
            stats.points++;
            Outcome o = Checker.check(d, m, point, pr.nextLong());
            switch (o.status()) {
                case PASS -> stats.passed++;
                case THREW -> {
                    stats.passed++;
                    stats.threw++;
                }
                case SKIP_NONSMOOTH -> {
                    stats.skippedNonsmooth++;
                    skipped++;
                }
                case SKIP_NONFINITE -> {
                    stats.skippedNonfinite++;
                    skipped++;
                }
                case FAIL -> {
                    record(c, new Program(helpers, m), point, o.failure());
                    stats.failedPrograms++;
                    return;
                }
            }
        }
        if (skipped == cfg.points()) {
            stats.programsFullySkipped++;
        }
    }

    private void record(int c, Program p, Map<String, Object> point, Failure f) {
        String key = f.kind() + " [" + f.signature() + "]";
        int seen = stats.failuresBySignature.merge(key, 1, Integer::sum);
        Shrinker.Shrunk shrunk = null;
        long shrinks = found.stream().filter(x -> x.shrunk() != null).count();
        if (seen <= Math.max(2, cfg.maxShrinks() / 2) && shrinks < cfg.maxShrinks()) {
            long t = System.currentTimeMillis();
            if (cfg.log() != null) {
                cfg.log()
                        .println("[fuzz] shrinking " + key + " from F" + c + "."
                                + p.method().name());
            }
            try {
                shrunk = new Shrinker(paramAssign, cfg.shrinkMillis()).shrink(p, point, f);
            } catch (RuntimeException | AssertionError e) {
                if (cfg.log() != null) {
                    cfg.log().println("[fuzz] shrinking failed: " + e);
                }
            }
            stats.shrinkMillis += System.currentTimeMillis() - t;
        }
        Found fd = new Found(c, p, point, f, shrunk);
        found.add(fd);
        if (cfg.log() != null && seen <= Math.max(2, cfg.maxShrinks() / 2)) {
            cfg.log().println(fd.report(cfg.seed()));
        }
    }
}
