package dev.adjoint.processor.analysis;

import dev.adjoint.processor.graph.ArrayValues;
import dev.adjoint.processor.graph.Graph;
import dev.adjoint.processor.graph.Node;
import dev.adjoint.processor.graph.Op;
import dev.adjoint.processor.graph.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which stores into arrays some read can observe. A store into an array the method itself
 * created ({@code new}, a copy, an adjoint array) that never escapes is needed only when a
 * needed read of that array may run after it; otherwise it is dead code like any unused value.
 *
 * <p>This is what removes the backward sweep's replays of loops that only rebuild a local
 * array: a reverse sweep restores {@code h[j]} before sweeping back over an iteration that
 * wrote it, but when every element the backward sweep reads was saved, nothing reads {@code h}
 * afterwards, the restoring stores die, and with them the loops that computed their values.
 *
 * <p>The order is the graph's: a read may follow a store when it comes later in their common
 * region, or when any region around both is a loop's step (the next iteration), unless that
 * loop's iterations each rewrite the array before reading it, or each make an array of their own. Arrays that
 * flow anywhere else (into a loop's carried values, an eager choice, a call's result, the method's results, a plain
 * method that returns an array) are not tracked: every store into them is kept. An array chosen by a
 * branch (a {@code SELECT}'s output, such as the buffer a loop of swapped buffers ended in) is each of
 * the arrays it may be: reading it reads them all, its escape escapes them all. Taking the choice
 * for an escape kept every store into the buffers, even the backward sweep's replays of the
 * loop, which read elements the later iterations had overwritten (and called a method with
 * arguments the primal never passed).
 */
public final class ArrayStores {
    /** Position of a node: its region and its index there. */
    private final Map<Node, Region> regionOf = new IdentityHashMap<>();

    private final Map<Node, Integer> indexOf = new IdentityHashMap<>();
    /** Stores into tracked arrays, the candidates for removal. */
    private final List<Node> tracked = new ArrayList<>();
    /** Stores always kept: into parameters, fields, escaped arrays. */
    private final Set<Node> kept = new HashSet<>();
    /** Element reads (and other content reads) of each tracked array root. */
    private final Map<Node, List<Node>> readsOf = new HashMap<>();

    private final Set<Node> escaped = new HashSet<>();

    private final IterationLocalArrays iterationLocal;

    /** What {@code graph}'s stores and reads are, given the arrays each iteration of a loop reversed in place rewrites first. */
    public static ArrayStores of(Graph graph, IterationLocalArrays iterationLocal) {
        return new ArrayStores(graph, iterationLocal);
    }

    private ArrayStores(Graph graph, IterationLocalArrays iterationLocal) {
        this.iterationLocal = iterationLocal;
        index(graph.root);
        List<Node> stores = new ArrayList<>();
        for (Node n : regionOf.keySet()) classify(n, stores);
        for (Region r : allRegions(graph.root)) {
            if (r.owner != null && r.owner.op == Op.SELECT) continue; // a choice: see roots()
            for (Node result : r.results) if (result.type.isArray()) escape(result);
        }
        for (Node s : stores) {
            Node root = root(s.arg(0));
            if (root == null || escaped.contains(root)) kept.add(s);
            else tracked.add(s);
        }
    }

    /** The stores that must run whatever is read. */
    public Set<Node> alwaysKept() {
        return new HashSet<>(kept);
    }

    /** Tracked stores that a read in {@code live} may observe. */
    public List<Node> observedBy(Set<Node> live) {
        List<Node> observed = new ArrayList<>();
        for (Node s : tracked) {
            for (Node read : readsOf.getOrDefault(root(s.arg(0)), List.of())) {
                if (live.contains(read) && mayFollow(s, read)) {
                    observed.add(s);
                    break;
                }
            }
        }
        return observed;
    }

    private void classify(Node n, List<Node> stores) {
        switch (n.op) {
            case ARRAY_STORE -> {
                stores.add(n);
                if (n.arg(2).type.isArray()) {
                    escape(n.arg(2)); // a row stored into a matrix aliases it: keep both whole
                    escape(n.arg(0));
                }
            }
            case ARRAY_READ -> {
                if (!n.type.isArray()) read(n.arg(0), n); // a row is a view of its matrix, not a read
            }
            case ARRAY_LENGTH, ZEROS_LIKE -> {} // shapes only
            case SAVED_READ, SAVED_COPY, SAVED_CALL -> {} // the value was saved; the array names where the adjoint goes
            case COPY, ACCUMULATE, ACCUMULATE_SCALED, CALL, CALL_REVERSE, CALL_TANGENT, CALL_ADJOINT, CALL_CONST -> {
                for (Node a : n.args) if (a.type.isArray()) read(a, n);
                // a plain method that returns an array may return one it was given: then both are one array
                if (n.op == Op.CALL_CONST && n.type.isArray()) for (Node a : n.args) if (a.type.isArray()) escape(a);
            }
            default -> {
                for (Node a : n.args) if (a.type.isArray()) escape(a);
            }
        }
    }

    private void read(Node array, Node reader) {
        for (Node root : roots(array))
            readsOf.computeIfAbsent(root, k -> new ArrayList<>()).add(reader);
    }

    private void escape(Node array) {
        escaped.addAll(roots(array));
    }

    /**
     * The arrays created by the method that {@code array} may be: its root, or for the output of a
     * branch each root its branches may give. A branch that gives an array of unknown origin
     * (a parameter, a field) adds none, as {@link #root} does: stores into such arrays are kept.
     */
    private static Set<Node> roots(Node array) {
        Set<Node> roots = new HashSet<>();
        addRoots(array, roots, new HashSet<>());
        return roots;
    }

    private static void addRoots(Node array, Set<Node> roots, Set<Node> seen) {
        Node base = ArrayValues.base(array);
        if (!seen.add(base)) return;
        Node root = root(base);
        if (root != null) roots.add(root);
        else if (base.op == Op.PROJ && base.arg(0).op == Op.SELECT) {
            for (Region branch : base.arg(0).branches) addRoots(branch.results.get(base.index()), roots, seen);
        }
    }

    /** The array a value is part of, when the method created it; null when it may be anything. */
    private static Node root(Node array) {
        Node base = ArrayValues.base(array);
        return switch (base.op) {
            case NEW_ARRAY, COPY, ZEROS_LIKE, SAVED_COPY -> base;
            default -> null;
        };
    }

    /** Whether {@code read} may run after {@code store}: later in their common region, or in a later iteration. */
    private boolean mayFollow(Node store, Node read) {
        List<Node> storePath = path(store);
        List<Node> readPath = path(read);
        int common = 0;
        while (common < storePath.size() && common < readPath.size() && storePath.get(common) == readPath.get(common)) {
            common++;
        }
        // storePath/readPath list the enclosing structured nodes outermost first, then the node itself
        Node s = storePath.get(common);
        Node r = readPath.get(common);
        Region region = regionOf.get(s);
        if (region == regionOf.get(r) && indexOf.get(r) > indexOf.get(s)) return true;
        Node array = root(store.arg(0));
        Region made = regionOf.get(array);
        for (Region around = region; around != null; around = around.parent) {
            // an iteration of a loop whose step makes the array reads an array of its own
            if (made != null && around.encloses(made)) return false;
            boolean loop = around.owner != null && around.owner.op == Op.LOOP;
            // a later iteration of a loop reversed in place rewrites such an array before reading it
            if (loop && !iterationLocal.of(around.owner).contains(array)) return true;
        }
        return false;
    }

    /** The structured nodes around {@code n}, outermost first, followed by {@code n}. */
    private List<Node> path(Node n) {
        List<Node> path = new ArrayList<>();
        for (Node at = n; at != null; at = regionOf.get(at).owner) path.add(0, at);
        return path;
    }

    private void index(Region region) {
        for (int i = 0; i < region.nodes.size(); i++) {
            Node n = region.nodes.get(i);
            regionOf.put(n, region);
            indexOf.put(n, i);
            for (Region b : n.branches) index(b);
        }
    }

    private static List<Region> allRegions(Region root) {
        List<Region> all = new ArrayList<>(List.of(root));
        Graph.forEach(root, n -> all.addAll(n.branches));
        return all;
    }
}
