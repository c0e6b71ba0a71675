package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import dev.adjoint.processor.graph.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which elements of an array the iterations of a loop read and write, each index an affine form
 * of the counters of the counted loops around it ({@link Affine}, {@link CounterRanges}), and
 * two facts drawn from them, each answered "proved" or "not proved" (unknown counts as not):
 *
 * <ul>
 *   <li>{@link #iterationLocal}: every element of the array that an iteration of the loop reads
 *       was written earlier in that same iteration, at any depth of loops and in any order of
 *       them, or is written by no iteration at all. Then no iteration sees what another stored:
 *       the array is scratch space of each iteration.
 *   <li>{@link #mayWriteAt}: whether some iteration may store at a given index fixed before the
 *       loop; when not, a read there is the same in every iteration (an invariant read).
 * </ul>
 *
 * <p>Must-written sets are lists of intervals {@code [lo, hi)} walked in program order: a store
 * adds its element; a branch keeps what every branch wrote; a counted loop adds, once it ends,
 * the union of what each iteration wrote, when that union is an interval whatever the trip count
 * (a point moving with the counter: {@code v[r]} for {@code r} in {@code [0, d)} writes {@code
 * [0, d)}); in an iteration, what earlier iterations of the same loop wrote counts too. A read is
 * covered when its index lies in one interval for every value of the counters around it. Any
 * other use of the array (a call, a copy, a row), an index that is not affine, a loop that is not
 * counted or a bound that is not fixed makes the fact unproved. See docs/ARCHITECTURE.md.
 */
public final class AffineAccesses {
    /** An interval {@code [lo, hi)} of indices. */
    record Interval(Affine lo, Affine hi) {}

    /** A store into the array, its index (null when not affine) and the counters around it. */
    private record Store(Affine index, CounterRanges ranges) {}

    private final Node loop;
    private final Region step;
    private final Node array;
    /** Within one iteration (the loop's own values are fixed) or across all of them. */
    private final boolean perIteration;
    /** One symbol per array whose length is read: every {@code a.length} is the same value. */
    private final Map<Node, Node> lengthSymbols = new HashMap<>();

    private boolean unknownUse;
    private List<Store> stores;
    /** The same array and loop seen across all iterations, for {@link #allStoresWithin}. */
    private AffineAccesses wholeLoop;

    private AffineAccesses(Node loop, Node array, boolean perIteration) {
        this.loop = loop;
        this.step = loop.branches.get(0);
        this.array = array;
        this.perIteration = perIteration;
    }

    /**
     * Whether every element of {@code array} (created outside {@code loop}) that an iteration of
     * {@code loop} reads was written earlier in the same iteration or by no iteration of it.
     */
    public static boolean iterationLocal(Node loop, Node array) {
        try {
            AffineAccesses a = new AffineAccesses(loop, array, true);
            a.walk(a.step, List.of(), CounterRanges.NONE, true);
            return !a.unknownUse;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /**
     * Whether some iteration of {@code loop} may store into {@code array} at {@code index}, a value
     * fixed before the loop. Stores into other arrays are not looked at: whether they may be this
     * one is the caller's question.
     */
    public static boolean mayWriteAt(Node loop, Node array, Node index) {
        try {
            AffineAccesses a = new AffineAccesses(loop, array, false);
            Affine at = a.affine(index, CounterRanges.NONE);
            List<Store> stores = a.stores();
            if (stores == null || at == null) return !stores(loop, array).isEmpty();
            for (Store s : stores) {
                boolean below = s.index != null
                        && s.ranges.proveNonNegative(at.minus(s.index).plus(-1));
                boolean above = s.index != null
                        && s.ranges.proveNonNegative(s.index.minus(at).plus(-1));
                if (!below && !above) return true;
            }
            return false;
        } catch (ArithmeticException overflow) {
            return true;
        }
    }

    /**
     * Whether running iteration i of {@code second} right after iteration i of {@code first} keeps
     * every dependence through {@code array}: two counted loops over the same range that advance
     * their counters alike by {@code step} (±1), with no inner loop. Fusion moves iteration i of
     * {@code second} before every later iteration j of {@code first}; no such pair may touch one
     * element with one of them writing it. For accesses {@code a[k·i + e]} with the same k = ±1
     * that holds when {@code (e1 - e2)·k·step >= 0} (GMM's {@code v[r]} written, then read at
     * {@code r}, or at {@code r - 1}); for k = 0 when the two indices differ.
     */
    public static boolean fusionKeepsOrder(Node first, Node second, int step, Node array) {
        try {
            List<Access> one = new AffineAccesses(first, array, true).accessesByCounter();
            List<Access> two = new AffineAccesses(second, array, true).accessesByCounter();
            if (one == null || two == null) return false;
            for (Access a : one) {
                for (Access b : two) {
                    if (!a.store && !b.store) continue;
                    Affine gap = a.rest.minus(b.rest);
                    boolean kept = a.k != b.k
                            ? false
                            : a.k == 0
                                    ? CounterRanges.NONE.proveNonNegative(gap.plus(-1))
                                            || CounterRanges.NONE.proveNonNegative(
                                                    gap.times(-1).plus(-1))
                                    : CounterRanges.NONE.proveNonNegative(gap.times(a.k * step));
                    if (!kept) return false;
                }
            }
            return true;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /**
     * Whether the iterations of {@code loop} read, together, every element of {@code array} (a
     * {@code new double[length]} or a copy), each iteration at least two neighbouring elements: the reads
     * every iteration makes, in its body outside any branch or inner loop, are {@code a[±i + c]}
     * for constant offsets c with no gap between them, and the lowest index read is {@code <= 0}
     * and the highest {@code >= length - 1}. Saving the array once before the loop then costs no
     * more than saving each read (every element is read at least once, some twice or more); a
     * loop that runs no iteration is the exception. Any other use of the array in the loop (a
     * store, a call, a read whose index is not of that form) answers false.
     */
    public static boolean readsEveryElementTwicePerIteration(Node loop, Node array) {
        boolean made = array.op == Op.NEW_ARRAY && array.args.size() == 1 || array.op == Op.COPY;
        if (!made || array.type != Type.DOUBLE_ARRAY) return false;
        try {
            AffineAccesses a = new AffineAccesses(loop, array, false);
            Counter c = a.counter(loop, CounterRanges.NONE);
            if (c == null) return false;
            boolean[] other = {false};
            Graph.forEach(a.step, n -> {
                boolean read = n.op == Op.ARRAY_READ && n.arg(0) == array && n.arg(1) != array;
                if (n.args.contains(array) && !read && n.op != Op.ARRAY_LENGTH) other[0] = true;
            });
            if (other[0]) return false;
            CounterRanges inBody = CounterRanges.NONE.push(c.param, c.least, c.greatest);
            Affine base = null;
            TreeSet<Long> offsets = new TreeSet<>();
            for (Node n : c.body.nodes) {
                if (n.op != Op.ARRAY_READ || n.arg(0) != array) continue;
                Affine i = a.affine(n.arg(1), inBody);
                if (i == null) return false;
                if (base == null) base = i;
                Affine offset = i.minus(base);
                if (!offset.isConstant() || i.coefficient(c.param) != base.coefficient(c.param)) return false;
                offsets.add(offset.constant());
            }
            if (base == null || Math.abs(base.coefficient(c.param)) != 1 || offsets.size() < 2) return false;
            if (offsets.last() - offsets.first() != offsets.size() - 1) return false; // a gap: some element unread
            Affine lowest = base.plus(offsets.first()), highest = base.plus(offsets.last());
            boolean up = base.coefficient(c.param) > 0;
            Affine lo = lowest.substitute(c.param, up ? c.least : c.greatest);
            Affine hi = highest.substitute(c.param, up ? c.greatest : c.least);
            if (!CounterRanges.NONE.proveNonNegative(lo.times(-1))) return false;
            // its length as the bounds name it: n of new double[n], a.length, or the source's length for a copy
            List<Affine> lengths = new ArrayList<>();
            if (array.op == Op.NEW_ARRAY) lengths.add(a.affine(array.arg(0), CounterRanges.NONE));
            for (Node named : List.of(array, array.arg(0))) {
                Node symbol = a.lengthSymbols.get(named);
                if (symbol != null && (named == array || array.op == Op.COPY)) lengths.add(Affine.symbol(symbol));
            }
            for (Affine length : lengths) {
                if (length != null
                        && CounterRanges.NONE.proveNonNegative(hi.minus(length).plus(1))) return true;
            }
            return false;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** An element access {@code array[k·counter + rest]}, {@code rest} fixed before the loop. */
    private record Access(boolean store, long k, Affine rest) {}

    /** Every access to the array in the loop as an {@link Access}; null when some use is not one. */
    private List<Access> accessesByCounter() {
        Counter c = counter(loop, CounterRanges.NONE);
        if (c == null) return null;
        List<Access> out = new ArrayList<>();
        unknownUse = false;
        Graph.forEach(step, n -> {
            if (!n.args.contains(array) || n.op == Op.ARRAY_LENGTH) return;
            boolean read = n.op == Op.ARRAY_READ && !n.type.isArray() && n.arg(0) == array && n.arg(1) != array;
            boolean store = n.op == Op.ARRAY_STORE && n.arg(0) == array && n.args.lastIndexOf(array) == 0;
            Affine index = read || store ? affine(n.arg(1), CounterRanges.NONE) : null;
            if (index == null) {
                unknownUse = true;
                return;
            }
            Affine rest = index.substitute(c.param, Affine.of(0));
            for (Node symbol : rest.terms().keySet()) if (step.encloses(symbol.region)) unknownUse = true;
            out.add(new Access(store, index.coefficient(c.param), rest));
        });
        return unknownUse ? null : out;
    }

    /** The stores into {@code array} (or a row of it) anywhere in {@code loop}. */
    private static List<Node> stores(Node loop, Node array) {
        List<Node> out = new ArrayList<>();
        Graph.forEach(loop.branches.get(0), n -> {
            if (n.op == Op.ARRAY_STORE && ArrayValues.base(n.arg(0)) == array) out.add(n);
        });
        return out;
    }

    // ---- within one iteration: must-written intervals in program order

    private List<Interval> walk(Region region, List<Interval> state, CounterRanges ranges, boolean checking) {
        List<Interval> s = new ArrayList<>(state);
        for (Node n : region.nodes) s = node(n, s, ranges, checking);
        if (region.results.contains(array)) unknownUse = true; // the array flows on under another name
        return s;
    }

    private List<Interval> node(Node n, List<Interval> s, CounterRanges ranges, boolean checking) {
        switch (n.op) {
            case ARRAY_STORE -> {
                if (n.arg(0) == array && n.args.lastIndexOf(array) == 0) {
                    Affine i = affine(n.arg(1), ranges);
                    if (i != null) add(s, new Interval(i, i.plus(1)));
                    return s;
                }
            }
            case ARRAY_READ -> {
                if (n.arg(0) == array && !n.type.isArray() && n.arg(1) != array) {
                    if (checking && !covered(n.arg(1), s, ranges)) unknownUse = true;
                    return s;
                }
            }
            case SELECT -> {
                if (n.args.contains(array)) unknownUse = true;
                List<List<Interval>> ends = new ArrayList<>();
                for (Region b : n.branches) ends.add(walk(b, s, ranges, checking));
                List<Interval> common = new ArrayList<>(ends.get(0));
                for (List<Interval> end : ends) common.retainAll(end);
                return common;
            }
            case LOOP -> {
                if (n.args.contains(array)) unknownUse = true; // carried: another name for it inside
                return loop(n, s, ranges, checking);
            }
            default -> {}
        }
        if (n.op != Op.ARRAY_LENGTH && n.args.contains(array)) unknownUse = true;
        return s;
    }

    private List<Interval> loop(Node m, List<Interval> s, CounterRanges ranges, boolean checking) {
        Counter c = counter(m, ranges);
        if (c == null) {
            walk(m.branches.get(0), s, ranges, checking); // runs at least once, but proves nothing after
            return s;
        }
        // the test's own code and the exit branch: the counter's value there is left unbounded
        for (Node n : m.branches.get(0).nodes) if (n != c.test) node(n, s, ranges, checking);
        walk(c.test.branches.get(1), s, ranges, checking);
        CounterRanges inBody = ranges.push(c.param, c.least, c.greatest);
        // what earlier iterations wrote: a first walk finds what one iteration writes
        List<Interval> first = walk(c.body, s, inBody, false);
        Affine earliest = c.ascending ? c.least : Affine.symbol(c.param).plus(1);
        Affine latest = c.ascending ? Affine.symbol(c.param).plus(-1) : c.greatest;
        List<Interval> before = new ArrayList<>(s);
        for (Interval i : first) {
            if (!s.contains(i)) addIfKnown(before, union(i, c, earliest, latest, inBody, ranges));
        }
        List<Interval> last = walk(c.body, before, inBody, checking);
        List<Interval> after = new ArrayList<>(s);
        for (Interval i : last) {
            if (!before.contains(i)) addIfKnown(after, union(i, c, c.least, c.greatest, inBody, ranges));
        }
        return after;
    }

    /**
     * The elements that every iteration with a counter in {@code [from, to]} wrote, when iteration
     * {@code i} writes {@code w(i)}: a point {@code lo(i) = a ± i} moving with the counter gives an
     * interval, empty when the range is; a set the counter does not move is kept only when some
     * iteration surely runs. Null when neither holds.
     */
    private static Interval union(
            Interval w, Counter c, Affine from, Affine to, CounterRanges inBody, CounterRanges outside) {
        long k = w.lo.coefficient(c.param);
        if (k == 0 && w.hi.coefficient(c.param) == 0) return outside.proveNonNegative(to.minus(from)) ? w : null;
        Affine width = w.hi.minus(w.lo);
        if (k == w.hi.coefficient(c.param) && width.isConstant() && width.constant() == Math.abs(k)) {
            // tiles: iteration i writes [a + k·i, a + k·i + |k|), next to iteration i + 1's
            Affine first = w.lo.substitute(c.param, from), last = w.lo.substitute(c.param, to);
            return k > 0 ? new Interval(first, last.plus(k)) : new Interval(last, first.plus(-k));
        }
        if (Math.abs(k) != 1 || !inBody.proveNonNegative(width.plus(-1))) return null;
        // each iteration writes at least its point lo(i) = a ± i
        Affine atFrom = w.lo.substitute(c.param, from), atTo = w.lo.substitute(c.param, to);
        return k == 1 ? new Interval(atFrom, atTo.plus(1)) : new Interval(atTo, atFrom.plus(1));
    }

    private static void addIfKnown(List<Interval> s, Interval i) {
        if (i != null) add(s, i);
    }

    /** Adds {@code i}, and its join with an interval it touches end to end. */
    private static void add(List<Interval> s, Interval i) {
        if (s.contains(i)) return;
        for (Interval w : List.copyOf(s)) {
            if (w.hi.equals(i.lo)) s.add(new Interval(w.lo, i.hi));
            if (i.hi.equals(w.lo)) s.add(new Interval(i.lo, w.hi));
        }
        s.add(i);
    }

    /**
     * Whether a read at {@code index} sees an element written in this iteration: inside an
     * interval written already; or, where every store of the whole loop falls in such an interval,
     * an element outside it, which no iteration writes.
     */
    private boolean covered(Node index, List<Interval> s, CounterRanges ranges) {
        Affine i = affine(index, ranges);
        if (i != null) for (Interval w : s) if (inside(i, w, ranges)) return true;
        for (Interval w : s) if (fixedForTheLoop(w) && allStoresWithin(w)) return true;
        return false;
    }

    /**
     * Whether {@code lo <= i < hi} wherever the read at {@code i} runs. A read that runs without
     * throwing is in bounds, {@code 0 <= i < length}: so {@code lo <= 0} or {@code hi >= length}
     * serve as well (reading {@code h[d - 1]} after writing {@code [0, d)} of {@code new double[d]}).
     */
    private boolean inside(Affine i, Interval w, CounterRanges ranges) {
        boolean low = ranges.proveNonNegative(i.minus(w.lo)) || ranges.proveNonNegative(w.lo.times(-1));
        if (!low) return false;
        if (ranges.proveNonNegative(w.hi.minus(i).plus(-1))) return true;
        Affine length = array.op == Op.NEW_ARRAY && array.args.size() == 1 ? affine(array.arg(0), ranges) : null;
        return length != null && ranges.proveNonNegative(w.hi.minus(length));
    }

    private boolean fixedForTheLoop(Interval w) {
        for (Node symbol : w.lo.plus(w.hi).terms().keySet()) if (step.encloses(symbol.region)) return false;
        return true;
    }

    private boolean allStoresWithin(Interval w) {
        if (wholeLoop == null) wholeLoop = new AffineAccesses(loop, array, false);
        List<Store> all = wholeLoop.stores();
        if (all == null) return false;
        for (Store s : all) if (s.index == null || !s.ranges.proveWithin(s.index, w.lo, w.hi)) return false;
        return true;
    }

    // ---- across all iterations: every store and the counters around it, the loop's own included

    private List<Store> stores() {
        if (stores == null) {
            stores = new ArrayList<>();
            unknownUse = false;
            storesIn(List.of(loop), CounterRanges.NONE);
            if (unknownUse) stores = null;
        }
        return stores;
    }

    private void storesIn(List<Node> nodes, CounterRanges ranges) {
        for (Node n : nodes) {
            if (n.op == Op.ARRAY_STORE && ArrayValues.base(n.arg(0)) == array) {
                if (n.arg(0) != array) unknownUse = true; // into a row
                stores.add(new Store(affine(n.arg(1), ranges), ranges));
            }
            Counter c = n.op == Op.LOOP ? counter(n, ranges) : null;
            if (c == null) {
                for (Region b : n.branches) storesIn(b.nodes, ranges);
                continue;
            }
            for (Node m : n.branches.get(0).nodes) if (m != c.test) storesIn(List.of(m), ranges);
            storesIn(c.test.branches.get(1).nodes, ranges);
            storesIn(c.body.nodes, ranges.push(c.param, c.least, c.greatest));
        }
    }

    // ---- counters and affine forms

    /** A counted loop's counter, its range in the body, and whether it counts up. */
    private record Counter(Node param, Node test, Region body, Affine least, Affine greatest, boolean ascending) {}

    private Counter counter(Node m, CounterRanges ranges) {
        Node test = LoopShapes.plainTest(m);
        LoopShapes.Counted shape = LoopShapes.countedShape(m, test);
        if (shape == null) return null;
        Node param = LoopShapes.params(m).get(shape.counter());
        Affine start = affine(m.arg(shape.counter()), ranges);
        Affine bound = affine(shape.bound(), ranges);
        if (start == null || bound == null) return null;
        Region body = test.branches.get(0);
        return switch (shape.op()) {
            case LT -> new Counter(param, test, body, start, bound.plus(-1), true);
            case LE -> new Counter(param, test, body, start, bound, true);
            case GT -> new Counter(param, test, body, bound.plus(1), start, false);
            default -> new Counter(param, test, body, bound, start, false);
        };
    }

    /**
     * {@code n} as an affine form of the counters in {@code ranges} and of fixed values, or null.
     * Fixed: defined outside the loop, or, within one iteration, in the loop's own step (its
     * carried values, a running index at the iteration's start); the length of a fixed array.
     */
    Affine affine(Node n, CounterRanges ranges) {
        if (n.type != Type.INT) return null;
        Affine parts = switch (n.op) {
            case CONST -> Affine.of(n.constInt());
            case ADD -> sum(affine(n.arg(0), ranges), affine(n.arg(1), ranges), 1);
            case SUB -> sum(affine(n.arg(0), ranges), affine(n.arg(1), ranges), -1);
            case NEG -> {
                Affine a = affine(n.arg(0), ranges);
                yield a == null ? null : a.times(-1);
            }
            case MUL -> product(affine(n.arg(0), ranges), affine(n.arg(1), ranges));
            case ARRAY_LENGTH ->
                fixed(n.arg(0)) ? Affine.symbol(lengthSymbols.computeIfAbsent(n.arg(0), a -> n)) : null;
            default -> null;
        };
        if (parts != null) return parts;
        if (ranges.knows(n) || fixed(n)) return Affine.symbol(n);
        return null;
    }

    private static Affine sum(Affine a, Affine b, int sign) {
        return a == null || b == null ? null : a.plus(b.times(sign));
    }

    private static Affine product(Affine a, Affine b) {
        if (a == null || b == null) return null;
        if (a.isConstant()) return b.times(a.constant());
        if (b.isConstant()) return a.times(b.constant());
        return null;
    }

    /** Whether {@code n} has one value wherever the question is asked (see {@link #affine}). */
    private boolean fixed(Node n) {
        if (!step.encloses(n.region)) return true;
        return perIteration && innermostLoop(n) == loop;
    }

    private static Node innermostLoop(Node n) {
        for (Region r = n.region; r != null; r = r.parent) {
            if (r.owner != null && r.owner.op == Op.LOOP) return r.owner;
        }
        return null;
    }
}
