package dev.adjoint.processor.pipeline;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ArrayStores;
import dev.adjoint.processor.analysis.IterationLocalArrays;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.GraphVerifier;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Refs;
import dev.adjoint.processor.modes.forward.ForwardMode;
import dev.adjoint.processor.modes.reverse.IndependentIterations;
import dev.adjoint.processor.modes.reverse.LoopAccumulators;
import dev.adjoint.processor.modes.reverse.ReverseMode;
import dev.adjoint.processor.modes.reverse.ZeroAdjointLoops;
import dev.adjoint.processor.modes.second.ForwardOverReverse;
import dev.adjoint.processor.rewrite.InvariantReads;
import dev.adjoint.processor.rewrite.LoopFusion;
import dev.adjoint.processor.rewrite.Pruning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every pass over the graphs of one method, in the order they run. The front end hands over the
 * primal graph; the shared stages clean and reshape it; reverse mode and forward mode then each
 * build their own graph from it and finish it with the passes only they need. The emitter turns
 * the two graphs into Java.
 *
 * <p>Facts flow only forwards, as the values the passes return: {@link ArrayStores} tells
 * {@link Pruning} which stores some read can see, {@link Activity} tells reverse and forward mode
 * which values depend on the differentiated parameters, {@link IndependentIterations} tells
 * {@link ReverseMode} which loops to reverse one iteration at a time, and reverse mode tells
 * {@link ArrayStores} which arrays those iterations rewrite before reading.
 *
 * <p>With {@link Options#verify} the {@link GraphVerifier} checks the graph after every pass and
 * names the pass that broke it; {@link Options#dumpAfter} prints the graph after the passes named.
 */
public final class Pipeline {
    /** Which graph a pass works on: the primal, shared by both modes, or a mode's own. */
    public enum Stage {
        PRIMAL,
        REVERSE,
        FORWARD,
        SECOND_ORDER
    }

    // ---- analyses and rewrites that serve every stage
    static final Pass<IterationLocalArrays, ArrayStores> ARRAY_STORES = Pass.of("ArrayStores", ArrayStores::of);
    static final Pass<ArrayStores, Void> PRUNING = Pass.rewrite("Pruning", Pruning::prune);
    /** Pruning of a reverse graph that second order differentiates again (its kept calls stay derivative calls). */
    static final Pass<ArrayStores, Void> PRUNING_BEFORE_SECOND_ORDER =
            Pass.rewrite("Pruning", Pruning::pruneBeforeSecondOrder);

    // ---- shared stages: the primal graph
    static final Pass<Void, Void> LOOP_FUSION = Pass.rewrite("LoopFusion", (graph, none) -> LoopFusion.fuse(graph));
    static final Pass<Void, Void> INVARIANT_READS =
            Pass.rewrite("InvariantReads", (graph, none) -> InvariantReads.hoist(graph));
    static final Pass<Set<Integer>, Activity> ACTIVITY = Pass.of("Activity", Activity::of);

    // ---- reverse mode only
    static final Pass<Activity, IndependentIterations.Found> INDEPENDENT_ITERATIONS =
            Pass.of("IndependentIterations", IndependentIterations::find);
    static final Pass<ReverseMode.Input, ReverseMode.Result> REVERSE_MODE =
            Pass.building("ReverseMode", ReverseMode::of, ReverseMode.Result::graph);
    static final Pass<Void, Void> LOOP_ACCUMULATORS =
            Pass.rewrite("LoopAccumulators", (graph, none) -> LoopAccumulators.promote(graph));
    static final Pass<Void, Void> ZERO_ADJOINT_LOOPS =
            Pass.rewrite("ZeroAdjointLoops", (graph, none) -> ZeroAdjointLoops.skipWhenZero(graph));

    // ---- forward mode only
    static final Pass<ForwardMode.Input, Graph> FORWARD_MODE =
            Pass.building("ForwardMode", ForwardMode::of, graph -> graph);

    // ---- second order only: forward mode over the finished reverse graph
    static final Pass<Set<Integer>, Activity> REVERSE_GRAPH_ACTIVITY =
            Pass.of(ACTIVITY.name(), Activity::ofReverseGraph);
    static final Pass<ForwardMode.Input, Graph> FORWARD_OVER_REVERSE =
            Pass.building("ForwardOverReverse", ForwardOverReverse::of, graph -> graph);

    /** The name under which the verifier checks the front end's graph, before any pass. */
    static final String FRONT_END = "BodyTranslator";

    /** The names {@code -Aadjoint.dumpAfter} accepts. */
    public static final List<String> PASS_NAMES = List.of(
            FRONT_END,
            ARRAY_STORES.name(),
            PRUNING.name(),
            LOOP_FUSION.name(),
            INVARIANT_READS.name(),
            ACTIVITY.name(),
            INDEPENDENT_ITERATIONS.name(),
            REVERSE_MODE.name(),
            LOOP_ACCUMULATORS.name(),
            ZERO_ADJOINT_LOOPS.name(),
            FORWARD_MODE.name(),
            FORWARD_OVER_REVERSE.name());

    /**
     * How to run: {@code verify} checks the graph after every pass; after each pass named in
     * {@code dumpAfter} (case ignored), {@code dumps} receives the graph as text.
     */
    public record Options(boolean verify, Set<String> dumpAfter, Consumer<String> dumps) {
        public static final Options PLAIN = new Options(false, Set.of(), text -> {});

        public Options {
            dumpAfter = dumpAfter.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * The graphs the emitter writes: the reverse-mode method's, the forward-mode method's, and,
     * for {@code order = 2}, the Hessian-vector product's (else null).
     */
    public record Result(Graph reverse, Graph forward, Graph hvp) {
        public Result(Graph reverse, Graph forward) {
            this(reverse, forward, null);
        }
    }

    private final Options options;
    private final List<String> ran = new ArrayList<>();

    public Pipeline(Options options) {
        this.options = options;
    }

    /** Runs every pass on {@code primal}, which the shared stages rewrite in place. */
    public Result run(Graph primal, Map<Integer, Refs.Param> differentiated) {
        return run(primal, differentiated, 1);
    }

    /**
     * As {@link #run(Graph, Map)}; with {@code order} 2 also the Hessian-vector product's graph:
     * forward mode applied to the finished reverse graph, with that graph's own activity.
     */
    public Result run(Graph primal, Map<Integer, Refs.Param> differentiated, int order) {
        after(Stage.PRIMAL, FRONT_END, primal);

        // shared stages: what the primal does not need goes, loops over the same range become one,
        // reads every iteration makes at the same place move before the loop
        prune(Stage.PRIMAL, primal, IterationLocalArrays.NONE);
        run(Stage.PRIMAL, LOOP_FUSION, primal, null);
        run(Stage.PRIMAL, INVARIANT_READS, primal, null);
        prune(Stage.PRIMAL, primal, IterationLocalArrays.NONE); // what fusion left dead: stores no read sees any more
        Activity activity = run(Stage.PRIMAL, ACTIVITY, primal, differentiated.keySet());

        // reverse mode
        IndependentIterations.Found independent = run(Stage.REVERSE, INDEPENDENT_ITERATIONS, primal, activity);
        ReverseMode.Result reverse =
                run(Stage.REVERSE, REVERSE_MODE, primal, new ReverseMode.Input(differentiated, independent));
        prune(
                Stage.REVERSE,
                reverse.graph(),
                reverse.iterationLocalArrays(),
                order < 2 ? PRUNING : PRUNING_BEFORE_SECOND_ORDER);
        run(Stage.REVERSE, LOOP_ACCUMULATORS, reverse.graph(), null);
        // second order reads the reverse graph before ZeroAdjointLoops: an adjoint that is zero
        // can have a tangent that is not, so its backward loop must still run there
        Graph hvp = order < 2 ? null : secondOrder(reverse.graph(), differentiated);
        run(Stage.REVERSE, ZERO_ADJOINT_LOOPS, reverse.graph(), null);

        // forward mode
        Graph forward =
                run(Stage.FORWARD, FORWARD_MODE, primal, new ForwardMode.Input(differentiated.keySet(), activity));
        prune(Stage.FORWARD, forward, IterationLocalArrays.NONE);

        return new Result(reverse.graph(), forward, hvp);
    }

    /** Second order: the tangent of every value of the reverse graph, adjoints included. */
    private Graph secondOrder(Graph reverse, Map<Integer, Refs.Param> differentiated) {
        Set<Integer> inputs = new HashSet<>(differentiated.keySet());
        // a double[]-valued method's fVjp: its seed has a tangent too, for a caller whose seed has one
        if (reverse.nodes().stream().anyMatch(n -> n.op == Op.PARAM && n.param().equals(ReverseMode.SEED)))
            inputs.add(ReverseMode.SEED.index());
        Activity reverseActivity = run(Stage.SECOND_ORDER, REVERSE_GRAPH_ACTIVITY, reverse, inputs);
        Graph hvp =
                run(Stage.SECOND_ORDER, FORWARD_OVER_REVERSE, reverse, new ForwardMode.Input(inputs, reverseActivity));
        prune(Stage.SECOND_ORDER, hvp, IterationLocalArrays.NONE);
        return hvp;
    }

    /** The passes run so far, as {@code stage/name}, in order. */
    public List<String> ran() {
        return List.copyOf(ran);
    }

    private void prune(Stage stage, Graph graph, IterationLocalArrays local) {
        prune(stage, graph, local, PRUNING);
    }

    private void prune(Stage stage, Graph graph, IterationLocalArrays local, Pass<ArrayStores, Void> pruning) {
        ArrayStores stores = run(stage, ARRAY_STORES, graph, local);
        run(stage, pruning, graph, stores);
    }

    /** Runs one pass, then verifies and dumps the graph it leaves as asked (package-private for tests). */
    <I, O> O run(Stage stage, Pass<I, O> pass, Graph graph, I input) {
        O output = pass.run(graph, input);
        after(stage, pass.name(), pass.graphAfter(graph, output));
        return output;
    }

    private void after(Stage stage, String name, Graph graph) {
        String label = name + " (" + stage.name().toLowerCase(Locale.ROOT) + ")";
        ran.add(stage.name().toLowerCase(Locale.ROOT) + "/" + name);
        if (options.verify()) {
            List<String> problems = GraphVerifier.problems(graph);
            if (!problems.isEmpty()) throw new BrokenGraph(label, problems);
        }
        if (options.dumpAfter().contains(name.toLowerCase(Locale.ROOT))) {
            options.dumps().accept("graph after " + label + ":\n" + GraphDump.of(graph));
        }
    }

    /** Thrown when the verifier finds a graph broken: names the pass that broke it. */
    public static final class BrokenGraph extends IllegalStateException {
        BrokenGraph(String pass, List<String> problems) {
            super("the graph is broken after pass " + pass + ": "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
    }
}
