package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random programs over the supported subset, each compiled with the processor and checked in
 * both modes against finite differences and against each other (see {@link Checker}); a failure
 * is shrunk to a small program that is printed in the assertion message. About 40% of the
 * methods are straight-line, the rest use control flow (if/else if/else, for, enhanced for,
 * while, do/while, break/continue with and without labels, early return, nested loops), local
 * and parameter arrays written and read, {@code wrt} subsets, and calls between generated
 * methods (see {@link Generator} and {@link Feature}).
 *
 * <p>CI runs {@value #DEFAULT_COUNT} programs with a fixed seed. Run many more, or another seed:
 *
 * <pre>
 * mvn -q -pl processor -am test -Dtest=RandomProgramsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dadjoint.fuzz.count=10000 -Dadjoint.fuzz.seed=12345
 * </pre>
 *
 * <p>(10,000 programs take about 1.5 minutes, 30,000 points). To keep a known processor bug from hiding others,
 * exclude the construct it needs, e.g. {@code -Dadjoint.fuzz.exclude=NEGATION_IN_LOOPS} (it hid bug 2
 * of {@code controlflow/FuzzRegressionTest} while that was open), or a whole family: {@code -Dadjoint.fuzz.exclude=IF,FOR,FOREACH,WHILE,DO_WHILE}
 * gives the straight-line generator alone. {@code -Dadjoint.fuzz.vector=true} routes every method
 * through a {@code double[]}-valued variant ({@link VectorVariant}); CI runs
 * {@value #DEFAULT_VECTOR_COUNT} such programs.
 *
 * <p>System properties: {@code adjoint.fuzz.count} (programs), {@code adjoint.fuzz.seed} (base
 * seed), {@code adjoint.fuzz.perClass} (methods per compiled class, default 40),
 * {@code adjoint.fuzz.points} (random points per program, default 3), {@code adjoint.fuzz.exclude}
 * (comma-separated {@link Feature} names or Math function names to leave out; {@code +NAME}
 * re-enables a default exclusion), {@code adjoint.fuzz.shrinks} (failures to shrink, default 4),
 * {@code adjoint.fuzz.shrinkSeconds} (time limit per shrink, default 60),
 * {@code adjoint.fuzz.startClass} (index of the first generated class: with the same seed and
 * {@code perClass}, {@code -Dadjoint.fuzz.startClass=41 -Dadjoint.fuzz.count=40} regenerates
 * exactly class {@code F41} of a long run, to reproduce a reported failure).
 */
class RandomProgramsTest {
    static final int DEFAULT_COUNT = 400;
    static final long DEFAULT_SEED = 20240611L;

    /** Programs whose methods go through a {@code double[]}-valued variant ({@link VectorVariant}) in CI, beside the others. */
    static final int DEFAULT_VECTOR_COUNT = 80;

    @Test
    void randomProgramsDifferentiateCorrectly() {
        run(DEFAULT_COUNT);
    }

    /**
     * The same checks with vector outputs: each method is a caller of its {@code double[]} variant,
     * so its gradient goes through the variant's fVjp and its tangent through fTangent. A run
     * asked for with {@code -Dadjoint.fuzz.vector=true} does this for all of its programs instead.
     */
    @Test
    void vectorOutputsDifferentiateCorrectly() {
        // under order = 2 the scalar callers carry it, and their Hessians go through the variants' fVjpHvp
        if (VectorVariant.enabled()) return;
        System.setProperty(VectorVariant.PROPERTY, "true");
        try {
            run(DEFAULT_VECTOR_COUNT);
        } finally {
            System.clearProperty(VectorVariant.PROPERTY);
        }
    }

    private static void run(int defaultCount) {
        FuzzRunner.Config cfg = new FuzzRunner.Config(
                Long.getLong("adjoint.fuzz.seed", DEFAULT_SEED),
                Integer.getInteger("adjoint.fuzz.count", defaultCount),
                Integer.getInteger("adjoint.fuzz.perClass", 40),
                Integer.getInteger("adjoint.fuzz.points", 3),
                Feature.excluded(System.getProperty("adjoint.fuzz.exclude")),
                Integer.getInteger("adjoint.fuzz.shrinks", 4),
                Integer.getInteger("adjoint.fuzz.shrinkSeconds", 60) * 1000L,
                System.out,
                Integer.getInteger("adjoint.fuzz.startClass", 0));
        FuzzRunner.Report report = new FuzzRunner(cfg).run();
        System.out.println("[fuzz] seed " + cfg.seed() + ", excluded " + cfg.excluded() + ": "
                + report.stats().summary());
        if (VectorVariant.enabled()) System.out.println("[fuzz] " + VectorJacobianCheck.summary());
        if (!report.found().isEmpty()) {
            fail(report.found().size() + " failing programs (seed " + cfg.seed() + "); "
                    + report.stats().summary() + "\n"
                    + report.found().stream()
                            .filter(f -> f.shrunk() != null)
                            .map(f -> f.report(cfg.seed()))
                            .collect(Collectors.joining("\n"))
                    + "\nfailures not shrunk (first 3):\n"
                    + report.found().stream()
                            .filter(f -> f.shrunk() == null)
                            .limit(3)
                            .map(f -> f.report(cfg.seed()))
                            .collect(Collectors.joining("\n")));
        }
    }
}
