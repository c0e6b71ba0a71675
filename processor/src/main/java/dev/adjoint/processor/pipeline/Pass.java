package dev.adjoint.processor.pipeline;

import dev.adjoint.processor.graph.Graph;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One step of the {@link Pipeline}: an analysis, a rewrite, or a mode that builds a new graph
 * from the primal. What a pass needs from earlier ones comes in as {@code I}; what it learned
 * goes out as {@code O}, so that facts flow from pass to pass only through these values, in the
 * order the pipeline shows, never through fields of the graph.
 *
 * @param <I> what it is given besides the graph ({@code Void} for nothing)
 * @param <O> what it returns: a fact for later passes, a new graph, or {@code Void}
 */
public interface Pass<I, O> {
    /** The name {@code -Aadjoint.dumpAfter} and the verifier's reports use. */
    String name();

    O run(Graph graph, I input);

    /** The graph to verify and dump after the pass: the one it rewrote, or the one it built. */
    default Graph graphAfter(Graph graph, O output) {
        return graph;
    }

    /** A pass that reads {@code graph} and returns what it found (it may also rewrite the graph). */
    static <I, O> Pass<I, O> of(String name, BiFunction<Graph, I, O> run) {
        return new Pass<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public O run(Graph graph, I input) {
                return run.apply(graph, input);
            }
        };
    }

    /** A pass that rewrites {@code graph} in place and returns nothing. */
    static <I> Pass<I, Void> rewrite(String name, BiConsumer<Graph, I> run) {
        return of(name, (graph, input) -> {
            run.accept(graph, input);
            return null;
        });
    }

    /** A pass that builds a new graph from {@code graph}: {@code built} finds it in the output. */
    static <I, O> Pass<I, O> building(String name, BiFunction<Graph, I, O> run, Function<O, Graph> built) {
        return new Pass<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public O run(Graph graph, I input) {
                return run.apply(graph, input);
            }

            @Override
            public Graph graphAfter(Graph graph, O output) {
                return built.apply(output);
            }
        };
    }
}
