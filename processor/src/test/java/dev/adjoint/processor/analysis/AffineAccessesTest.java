package dev.adjoint.processor.analysis;

import static dev.adjoint.processor.analysis.PrimalGraphs.array;
import static dev.adjoint.processor.analysis.PrimalGraphs.loop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dependence analysis on the front end's graphs of small loops: whether a scratch array is
 * local to each iteration of the loop over {@code p} (every element read was written earlier in
 * the same iteration, or by no iteration), and whether a loop may write a given element. Each
 * method's name says the shape; the expected answer stands beside it in the table.
 */
class AffineAccessesTest {
    static final String SOURCE = """
      package demo;

      import dev.adjoint.Differentiable;

      final class Shapes {
        // ---- covered: the answer is "local"

        @Differentiable
        static double topLevelCover(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) h[j] = w[j] * p;
            for (int i = 0; i < d; i++) s += h[i] * h[i];
          }
          return s;
        }

        // the textbook GMM: rewritten per component, inside the loop over components
        @Differentiable
        static double coverInsideInnerLoop(double[] w, int n, int d, int k) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int q = 0; q < k; q++) {
              for (int r = 0; r < d; r++) h[r] = w[r] - q;
              for (int c = 0; c < d; c++) {
                for (int e = c + 1; e < d; e++) h[e] += w[c] * h[c];
              }
              for (int i = 0; i < d; i++) s += h[i] * h[i];
            }
          }
          return s;
        }

        // three loops deep, read by a fourth
        @Differentiable
        static double coverThreeDeep(double[] w, int n, int d, int k) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int a = 0; a < k; a++) {
              for (int b = 0; b < k; b++) {
                for (int r = 0; r < d; r++) h[r] = w[r] * a + b;
                for (int i = 0; i < d; i++) {
                  for (int e = 0; e < 2; e++) s += h[i] * e;
                }
              }
            }
          }
          return s;
        }

        // written then read at the same element, one element an iteration
        @Differentiable
        static double pointwise(double[] w, int n, int k) {
          double[] h = new double[k];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < k; j++) {
              h[j] = w[j] * p;
              if (j > 0 && h[j] > s) s = h[j];
            }
            for (int i = 0; i < k; i++) s += h[i];
          }
          return s;
        }

        // a recurrence: each element read was written by an earlier iteration of the inner loop
        @Differentiable
        static double recurrence(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            h[0] = w[0] * p;
            for (int j = 1; j < d; j++) h[j] = h[j - 1] * w[j];
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // written downwards, read upwards
        @Differentiable
        static double descending(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = d - 1; j >= 0; j--) h[j] = w[j] + p;
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // a 3-wide block per row, rows walked in order: the blocks tile [0, 3d)
        @Differentiable
        static double tiles(double[] w, int n, int d) {
          double[] h = new double[3 * d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int r = 0; r < d; r++) {
              for (int c = 0; c < 3; c++) h[3 * r + c] = w[r] * c + p;
            }
            for (int i = 0; i < 3 * d; i++) s += h[i];
          }
          return s;
        }

        // inclusive bound and an offset: writes [1, d], reads [1, d]
        @Differentiable
        static double inclusive(double[] w, int n, int d) {
          double[] h = new double[d + 1];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 1; j <= d; j++) h[j] = w[j - 1] * p;
            for (int i = 0; i < d; i++) s += h[i + 1];
          }
          return s;
        }

        // no iteration writes h[0]: every iteration reads the value from before the loop
        @Differentiable
        static double neverWritten(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 1; j < d; j++) h[j] = w[j] * p;
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // ---- not covered: the answer is "not proved"

        // the last element is never rewritten... but the next iteration's first loop writes it
        @Differentiable
        static double partialCover(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < d - 1; j++) h[j] = w[j] * p;
            for (int i = 0; i < d; i++) s += h[i];
            h[d - 1] = s;
          }
          return s;
        }

        // written only on one branch
        @Differentiable
        static double conditionalCover(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            if (p % 2 == 0) {
              for (int j = 0; j < d; j++) h[j] = w[j] * p;
            }
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // read, then written
        @Differentiable
        static double readBeforeWrite(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) s += h[i];
            for (int j = 0; j < d; j++) h[j] = w[j] * p;
          }
          return s;
        }

        // each element read before this iteration writes it, in one inner loop
        @Differentiable
        static double runningState(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) h[j] = 0.5 * h[j] + w[j];
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // off by one: h[0] is read at j = 1 before this iteration writes it, at its end
        @Differentiable
        static double offByOne(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 1; j < d; j++) h[j] = h[j - 1] * w[j];
            for (int i = 0; i < d; i++) s += h[i];
            h[0] = w[0] * p;
          }
          return s;
        }

        // a prefix whose length depends on the iteration
        @Differentiable
        static double stalePrefix(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            int m = p % d + 1;
            for (int j = 0; j < m; j++) h[j] = w[j] * p;
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // the inner cover runs only while a condition holds: not a counted loop
        @Differentiable
        static double whileCover(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            int j = 0;
            while (j < d && w[j] > 0) {
              h[j] = w[j];
              j++;
            }
            for (int i = 0; i < d; i++) s += h[i];
          }
          return s;
        }

        // an index that is not affine in the counters
        @Differentiable
        static double squareIndex(double[] w, int n, int d) {
          double[] h = new double[d * d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) h[j * j] = w[j];
            for (int i = 0; i < d; i++) s += h[i * i];
          }
          return s;
        }

        // the array leaves through a call: what the callee reads is unknown
        @Differentiable
        static double passedOn(double[] w, int n, int d) {
          double[] h = new double[d];
          double s = 0;
          for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) h[j] = w[j] * p;
            s += total(h, d);
          }
          return s;
        }

        @Differentiable
        static double total(double[] a, int d) {
          double s = 0;
          for (int t = 0; t < d; t++) s += a[t];
          return s;
        }

        // the inner loop's later iterations write the element an earlier one read
        @Differentiable
        static double readAhead(double[] w, int n, int d) {
          double[] h = new double[d + 1];
          double s = 0;
          for (int p = 0; p < n; p++) {
            h[0] = p;
            for (int j = 0; j < d; j++) h[j + 1] = h[j + 1] + h[j] * w[j];
            s += h[d];
          }
          return s;
        }

        // ---- fusing a loop over i with the next loop over j, same range

        @Differentiable
        static double sameElement(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 0; i < d; i++) a[i] = w[i];
          for (int j = 0; j < d; j++) s += a[j];
          return s;
        }

        @Differentiable
        static double oneBehind(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 1; i < d; i++) a[i] = w[i];
          for (int j = 1; j < d; j++) s += a[j - 1];
          return s;
        }

        @Differentiable
        static double oneAhead(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 0; i < d; i++) a[i] = w[i];
          for (int j = 0; j < d; j++) s += a[j + 1];
          return s;
        }

        // counting down, later iterations are below: reading one below reads what a later
        // iteration of the first loop writes
        @Differentiable
        static double downOneBelow(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = d; i > 0; i--) a[i] = w[i - 1];
          for (int j = d; j > 0; j--) s += a[j - 1];
          return s;
        }

        @Differentiable
        static double downOneAbove(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = d - 1; i >= 0; i--) a[i] = w[i];
          for (int j = d - 1; j >= 0; j--) s += a[j + 1];
          return s;
        }

        // the second loop writes what a later iteration of the first reads
        @Differentiable
        static double overwritesAhead(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 1; i < d; i++) s += a[i - 1] * w[i];
          for (int j = 1; j < d; j++) a[j] = w[j];
          return s + a[0];
        }

        // the first loop reads above what the second writes: fused, the read still comes first
        @Differentiable
        static double readsAheadOfTheWrites(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 0; i < d; i++) s += a[i + 1] * w[i];
          for (int j = 0; j < d; j++) a[j] = w[j];
          return s + a[0];
        }

        @Differentiable
        static double fixedElements(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 0; i < d; i++) a[0] = a[0] + w[i];
          for (int j = 0; j < d; j++) s += a[1] * w[j];
          return s + a[0];
        }

        @Differentiable
        static double sameFixedElement(double[] w, int d) {
          double[] a = new double[d + 1];
          double s = 0;
          for (int i = 0; i < d; i++) a[0] = a[0] + w[i];
          for (int j = 0; j < d; j++) s += a[0] * w[j];
          return s;
        }

        // ---- which elements a loop may write

        @Differentiable
        static double writesTail(double[] w, int d) {
          double[] h = new double[d];
          for (int j = 0; j < d; j++) h[j] = w[j];
          double s = 0;
          for (int q = 1; q < d; q++) {
            for (int e = q; e < d; e++) h[e] = h[e] * h[0] + h[d - 1];
            s += h[q];
          }
          return s + h[0];
        }
      }
      """;

    private static Map<String, Graph> graphs;

    private static Graph graph(String method) {
        if (graphs == null) graphs = PrimalGraphs.of(SOURCE);
        return graphs.get(method);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "topLevelCover, true",
        "coverInsideInnerLoop, true",
        "coverThreeDeep, true",
        "pointwise, true",
        "recurrence, true",
        "descending, true",
        "tiles, true",
        "inclusive, true",
        "neverWritten, true",
        "partialCover, false",
        "conditionalCover, false",
        "readBeforeWrite, false",
        "runningState, false",
        "offByOne, false",
        "stalePrefix, false",
        "whileCover, false",
        "squareIndex, false",
        "passedOn, false",
        "readAhead, false",
    })
    void scratchArraysAreLocalToAnIterationExactlyWhenEveryReadIsCovered(String method, boolean local) {
        Graph g = graph(method);
        assertEquals(local, AffineAccesses.iterationLocal(loop(g, "p"), array(g, "h")), method);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "sameElement, true",
        "oneBehind, true",
        "oneAhead, false",
        "downOneBelow, false",
        "downOneAbove, true",
        "overwritesAhead, false",
        "readsAheadOfTheWrites, true",
        "fixedElements, true",
        "sameFixedElement, false",
    })
    void fusionKeepsEveryDependenceOrRefuses(String method, boolean keeps) {
        Graph g = graph(method);
        Node first = loop(g, "i"), second = loop(g, "j");
        int step = LoopShapes.countedShape(first, LoopShapes.plainTest(first)).step();
        Node a = array(g, "a");
        assertEquals(keeps, AffineAccesses.fusionKeepsOrder(first, second, step, a), method);
    }

    /**
     * In {@code writesTail} the loop over q writes h[e] for e in [q, d), q in [1, d): never h[0]
     * nor h[d], but h[1] and h[d - 1]. Seen from the inner loop over e alone, q is a value fixed
     * before it, of unknown sign: h[0] may be written there as far as the analysis can tell.
     */
    @ParameterizedTest(name = "h[{0}] in the loop over {1}: {2}")
    @CsvSource({"0, q, false", "1, q, true", "d-1, q, true", "d, q, false", "0, e, true", "d, e, false"})
    void aLoopMayWriteOnlyWhereItsStoresReach(String index, String counter, boolean writes) {
        Graph g = graph("writesTail");
        Node loop = loop(g, counter);
        Node h = array(g, "h");
        assertEquals(writes, AffineAccesses.mayWriteAt(loop, h, indexNode(g, loop, index)), index);
    }

    /** The index node a test names: a constant, {@code d}, or {@code d-1}/{@code d+1}... built where the loop stands. */
    private static Node indexNode(Graph g, Node loop, String index) {
        dev.adjoint.processor.graph.GraphBuilder b = new dev.adjoint.processor.graph.GraphBuilder(g);
        Node d = null;
        for (Node n : g.nodes()) if (n.op == Op.PARAM && "d".equals(n.param().name())) d = n;
        Node dParam = d;
        return b.in(loop.region, () -> switch (index) {
            case "d" -> dParam;
            case "d-1" -> b.sub(dParam, b.constant(dev.adjoint.processor.graph.Type.INT, 1));
            default -> b.constant(dev.adjoint.processor.graph.Type.INT, Integer.parseInt(index));
        });
    }
}
