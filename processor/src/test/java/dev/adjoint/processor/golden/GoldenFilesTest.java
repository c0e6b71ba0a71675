// Rewrite every golden file after an intended change to the generated code, then review the diff:
//   mvn -o -q -pl processor -am test -Dgroups=golden -Dadjoint.golden.update=true
// -Dsurefire.failIfNoSpecifiedTests=false
//   git diff processor/src/test/resources/golden
package dev.adjoint.processor.golden;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Differentiated;
import dev.adjoint.processor.testing.GoldenFile;
import dev.adjoint.processor.testing.GradCheck;
import dev.adjoint.processor.testing.HessianCheck;
import dev.adjoint.processor.testing.TestCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Adjoint emits, one feature per golden file: {@code src/test/resources/golden/Feature.java}
 * is a small source, {@code FeatureGrad.java.txt} the exact class the processor generates from
 * it, reviewed like documentation. Each feature's methods are also checked numerically: gradient
 * against central finite differences, tangent against gradient · direction ({@link GradCheck}).
 *
 * <p>After an intended change to the generated code, rewrite every golden file (these and the
 * optimisation tests' ones under {@code golden/controlflow/}) with
 *
 * <pre>
 * mvn -o -q -pl processor -am test -Dgroups=golden -Dadjoint.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>and review {@code git diff processor/src/test/resources/golden}. The numeric checks still run
 * (and fail) in that mode. To add a feature: write {@code Feature.java}, add it to
 * {@link #features()} with its checks, run the command, read the new golden file.
 */
@Tag("golden")
class GoldenFilesTest {

    /**
     * One numeric check: {@code method} at {@code args}, differentiated per {@code wrt} (empty: its
     * default); for an instance method, on the object the golden class's static {@code receiver()} method returns.
     */
    record Check(String method, List<String> wrt, String receiver, Object... args) {}

    /** A golden source, the processor options it is compiled with, and its numeric checks. */
    record Feature(String name, List<String> options, List<Check> checks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Feature> features() {
        return Stream.of(
                feature("StraightLine", check("rosenbrock", 0.3, -0.7), check("rosenbrock", 1.2, 1.5)),
                feature(
                        "Branch",
                        checkWrt("loss", "w", new double[] {0.4, -0.3, 0.2}, new double[] {1.5, 0.5}, 0.1, 2),
                        checkWrt("loss", "w", new double[] {0.4, -0.3, 0.2}, new double[] {1.5, 0.5}, 3.0, 2),
                        check("clipped", 0.8, 0.3),
                        check("clipped", 0.2, 0.9)),
                feature(
                        "LoopSavedValues",
                        check("recurrence", data(5, 0.1), 0.3),
                        check("recurrence", data(1, 0.4), -0.6)),
                feature(
                        "LoopInPlace",
                        checkWrt("loss", "w", data(3, 0.2), data(12, 0.7), 4),
                        checkWrt("loss", "w", data(3, 0.2), data(3, 0.7), 0)),
                feature("FusedLoops", check("centered", data(4, 0.3), data(4, 1.1))),
                feature(
                        "JammedLoops",
                        check("layer", data(18, 0.3), data(3, 0.7), 6),
                        check("layer", data(6, 0.3), data(3, 0.7), 2)),
                feature("HoistedRead", check("pairs", data(3, 0.5), data(3, 0.9))),
                feature("RunningIndex", check("triangle", data(6, 0.2), data(4, 0.8))),
                new Feature("BodyInParts", List.of("-Aadjoint.partBytes=200"), List.of(check("tangled", 0.4, 0.7))),
                feature("Call", check("f", 0.7), check("z", 0.4)),
                feature("ImplicitCallee", check("f", 0.7), check("f", -1.2)),
                feature("Overloads", check("both", 0.6, -0.9), check("both", -1.1, 0.4)),
                feature("ForwardMode", new Check("polynomial", List.of("x", "c"), null, data(3, 0.6), 0.7, 5)),
                feature(
                        "Arrays",
                        check("normOfProduct", new double[][] {{0.5, -0.2, 0.9}, {1.1, 0.3, -0.4}}, data(3, 0.1))),
                feature("SavedResults", check("logSumExp", (Object) data(5, 0.4))),
                feature("BorrowedArrays", check("smoothed", data(4, 0.3), 3)),
                feature("BranchInLoop", check("hinge", data(6, 0.2), 0.6), check("hinge", data(6, 0.2), 0.1)),
                feature(
                        "SwappedBuffers",
                        checkWrt("smoothed", "u0", data(5, 0.3), 0),
                        checkWrt("smoothed", "u0", data(5, 0.3), 1),
                        checkWrt("smoothed", "u0", data(6, 0.3), 4)),
                feature(
                        "Switch",
                        check("piecewise", 0.6, 1),
                        check("piecewise", 0.6, 2),
                        check("piecewise", 0.6, 5),
                        check("scaled", 0.6, 1),
                        check("scaled", 0.6, 3)),
                feature(
                        "SelectorSwitch",
                        check("byName", 0.6, "linear"),
                        check("byName", 0.6, "square"),
                        check("byName", 0.6, "other")),
                feature(
                        "TimeLoops",
                        check("pendulum", 0.7, 0.3, 0),
                        check("pendulum", 0.7, 0.3, 1),
                        check("pendulum", 0.7, 0.3, 10),
                        check("pendulum", 0.7, 0.3, 37),
                        check("heat", data(5, 0.3), 0.2, 0),
                        check("heat", data(5, 0.3), 0.2, 2),
                        check("heat", data(5, 0.3), 0.2, 3),
                        check("heat", data(5, 0.3), 0.2, 10)),
                feature("WhileLoop", check("halvings", 0.7, 5.0), check("halvings", 1.3, 0.5)),
                feature(
                        "ArgumentChecks",
                        check("logDensity", 0.7, 1.3),
                        check("logDensity", 40.0, 0.9),
                        check("logDensity", -2.5, 0.3)),
                feature(
                        "ArrayLibrary",
                        check("shifted", data(3, 0.4), data(3, 0.9), 3),
                        check("shifted", data(1, 0.2), data(1, 0.5), 40)),
                feature("CustomDerivative", check("loss", data(3, 0.4), 0.6), check("loss", data(2, 1.0), -0.8)),
                feature("InstanceMethod", checkOn("standard", "density", 0.7), checkOn("standard", "logDensity", -0.4)),
                feature("PrivateReceiverMethod", checkOn("standard", "energy", 0.7, -0.4)),
                feature("Jacobian", checkWrt("loss", "p", new double[] {1.3, 0.6}, data(5, 0.3), data(5, 0.8))),
                feature(
                        "SecondOrder",
                        check("forwardOverReverse", new double[] {0.4, -0.3}, 0.8),
                        check("forwardOverReverse", new double[] {0.4, -0.3}, -0.8)),
                feature(
                        "SecondOrderCall",
                        check("kernel", new double[] {0.4, -0.3}, new double[] {0.1, 0.5}, 0.8),
                        check("kernel", new double[] {1.4, 0.3}, new double[] {-0.1, 0.2}, 1.7)),
                feature(
                        "SecondOrderRuleBody",
                        check("loss", new double[] {0.4, -0.3, 1.1}, 0.8),
                        check("loss", new double[] {-1.4, 0.3}, -0.6)),
                feature(
                        "SecondOrderInstance",
                        checkOn("standard", "energy", 0.7, -0.4),
                        checkOn("standard", "energy", -1.2, 0.3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("features")
    void generatedClassMatchesItsGoldenAndItsDerivativesAreRight(Feature feature) {
        String source = GoldenFile.read(feature.name() + ".java");
        TestCompiler.Compiled compiled = TestCompiler.compileWithOptions(feature.options(), source);
        String generated = compiled.generatedSource("golden." + feature.name() + "Grad");
        assertAll(() -> GoldenFile.assertMatches(feature.name() + "Grad.java.txt", generated), () -> {
            for (Check c : feature.checks()) {
                Differentiated f = c.wrt().isEmpty()
                        ? Differentiated.of(compiled, "golden." + feature.name(), c.method())
                        : Differentiated.withWrt(
                                compiled,
                                "golden." + feature.name(),
                                c.method(),
                                c.wrt().toArray(String[]::new));
                if (c.receiver() != null) f.on(receiver(compiled, "golden." + feature.name(), c.receiver()));
                GradCheck.check(f, c.args());
                // order = 2: the Hessian and H·v too
                if (Stream.of(f.gradClass().getMethods())
                        .anyMatch(m -> m.getName().equals(c.method() + "Hvp"))) HessianCheck.check(f, c.args());
            }
        });
    }

    /** No golden file is left behind by a feature renamed or removed from {@link #features()}. */
    @Test
    void everyGoldenFileBelongsToAFeature() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        features().forEach(f -> {
            expected.add(f.name() + ".java");
            expected.add(f.name() + "Grad.java.txt");
        });
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(GoldenFile.directory())) {
            files.filter(Files::isRegularFile)
                    .forEach(p -> present.add(p.getFileName().toString()));
        }
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(present);
        TreeSet<String> extra = new TreeSet<>(present);
        extra.removeAll(expected);
        assertEquals(
                "missing [] extra []",
                "missing " + missing + " extra " + extra,
                "golden files in " + GoldenFile.directory() + " against the features of this test");
    }

    /**
     * Every golden file of an optimisation test ({@code golden/controlflow/Name.java.txt}) is named
     * in some test source, as {@code "Name"} or by its path: none is left behind by a test renamed.
     */
    @Test
    void everyOptimisationGoldenIsNamedByATest() throws IOException {
        Path tests = GoldenFile.directory().getParent().getParent().resolve("java");
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(tests)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).toList())
                sources.append(Files.readString(p));
        }
        TreeSet<String> orphans = new TreeSet<>();
        try (Stream<Path> files = Files.list(GoldenFile.directory().resolve("controlflow"))) {
            files.map(p -> p.getFileName().toString().replace(".java.txt", ""))
                    .filter(name -> !sources.toString().contains("\"" + name + "\"")
                            && !sources.toString().contains("/" + name + ".java.txt\""))
                    .forEach(orphans::add);
        }
        assertEquals(new TreeSet<>(), orphans, "golden files no test compares; delete them");
    }

    private static Feature feature(String name, Check... checks) {
        return new Feature(name, List.of(), List.of(checks));
    }

    private static Check check(String method, Object... args) {
        return new Check(method, List.of(), null, args);
    }

    private static Check checkWrt(String method, String wrt, Object... args) {
        return new Check(method, List.of(wrt), null, args);
    }

    /** A check of an instance method on the object the golden class's static {@code factory()} returns. */
    private static Check checkOn(String factory, String method, Object... args) {
        return new Check(method, List.of(), factory, args);
    }

    private static Object receiver(TestCompiler.Compiled compiled, String className, String factory)
            throws ReflectiveOperationException {
        java.lang.reflect.Method m = compiled.load(className).getDeclaredMethod(factory);
        m.setAccessible(true);
        return m.invoke(null);
    }

    /** n smooth values in (0.1, 0.9), varied by phase. */
    private static double[] data(int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.4 * Math.sin(1.3 * i + phase);
        return x;
    }
}
