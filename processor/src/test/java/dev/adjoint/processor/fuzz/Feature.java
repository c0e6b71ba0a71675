package dev.adjoint.processor.fuzz;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Constructs the generator can emit, each of which can be switched off with
 * {@code -Dadjoint.fuzz.exclude=NAME,NAME} (names of this enum, or of java.lang.Math functions such
 * as {@code fma}), e.g. to keep a known processor bug from hiding others.
 */
enum Feature {
    ARRAYS,
    MATRICES,
    INT_PARAMS,
    LOCALS,
    VAR,
    REASSIGN,
    COMPOUND,
    INCREMENT,
    BOOLEAN_LOCALS,
    /** {@code int k; k += <double expr>;} (implicit narrowing of compound assignment). */
    INT_COMPOUND_DOUBLE,
    /** Assignment to a parameter ({@code x = x * 2;}). */
    PARAM_ASSIGN,
    CASTS,
    LONG_CASTS,
    CONSTANTS,
    CONDITIONAL,
    STRICT_MATH,
    DIFF_CALLS,
    PLAIN_CALLS,
    /** {@code Math.abs/max/min} on ints. */
    INT_MATH_OVERLOADS,
    INT_DIVISION,
    /** {@code a % c} on doubles. */
    REMAINDER,
    /** {@code Math.pow(e, 2)} with an arbitrary-sign base and a whole-number literal exponent. */
    POW_WHOLE_EXPONENT,
    /** {@code int[]} parameters (read as indices and values, enhanced for). */
    INT_ARRAYS,
    /** {@code @Differentiable(wrt = ...)} with a subset of the floating parameters. */
    WRT,
    /** {@code if}, {@code if/else}. */
    IF,
    /** {@code else if} chains. */
    ELSE_IF,
    /** Counted {@code for} loops (int counter, various init/condition/update). */
    FOR,
    /** Enhanced {@code for} over double[], double[][] (rows) and int[]. */
    FOREACH,
    /** {@code while} loops (bounded by their own counter). */
    WHILE,
    /** {@code do ... while} loops (bounded by their own counter). */
    DO_WHILE,
    /** Loops nested in loops. */
    NESTED_LOOPS,
    /** {@code break} (inside an if in a loop). */
    BREAK,
    /** {@code continue} (inside an if in a loop). */
    CONTINUE,
    /** Labelled loops and {@code break label} / {@code continue label}. */
    LABELS,
    /** {@code return} inside an if or a loop. */
    EARLY_RETURN,
    /** Loop conditions with an extra (possibly active) test: {@code i < n && x > 0}. */
    LOOP_EXTRA_CONDITION,
    /** Local arrays: {@code new double[n]}, {@code new double[n][m]}, {@code new int[n]}, written and read. */
    LOCAL_ARRAYS,
    /** Local arrays from initialisers {@code {a, b}} and {@code v.clone()}. */
    ARRAY_INIT,
    /** Element writes to (differentiated) array parameters, in place. */
    PARAM_ARRAY_WRITES,
    /** Calls of a function whose partials are user-written {@code @DerivativeOf} rules ({@link Prelude#RULED_SOURCE}), with active arguments. */
    RULES,
    /** Unary minus inside loop bodies (excluding it hid processor bug 2, now fixed: see FuzzRegressionTest). */
    NEGATION_IN_LOOPS,
    /** Hipparchus' {@code FastMath} in place of {@code Math} for double functions (issue 16). */
    FAST_MATH,
    /** {@code Double.isNaN/isInfinite/isFinite} of (possibly active) doubles in conditions (issue 16). */
    PREDICATES,
    /** Swapped buffers (issue 16): {@code double[] t = u; u = v; v = t;} at the end of a loop's body. */
    SWAPPED_BUFFERS,
    /** {@code switch} statements on an int, colon form (with fall-through) and arrow form (issue 16). */
    SWITCH,
    /** {@code switch} expressions on an int, arrow values and colon form with yield (issue 16). */
    SWITCH_EXPRESSION,
    /** Switches (statements and expressions) on a String or enum field of the class ({@link Switches.Named}, issue 16). */
    SELECTOR_SWITCH,
    /** {@code @Checkpointed} on some top-level counted loops of the differentiated method ({@link CheckpointMarks}). */
    CHECKPOINT,
    /**
     * Argument checks that throw at some points ({@code if (x > 1.5) throw new
     * IllegalArgumentException(..)}): derivative methods must throw the same there (issue 16).
     */
    THROW,
    /**
     * Argument checks in helpers too, so that a callee throws (on by default since the two processor
     * bugs it found were fixed: a dead call pruned with the exception it would throw, and a swapped-buffer
     * loop's backward replay calling a callee with arguments the primal never passed).
     */
    THROW_IN_CALLEES,
    /** {@code System.arraycopy} and {@code Arrays.fill} into (differentiated) {@code double[]} arrays (issue 16). */
    ARRAY_COPY,
    /** Bit operators {@code & | ^ ~ << >>} on ints, and compound {@code &= |= ^= <<= >>=} (issue 16). */
    BIT_OPS,
    /** {@code short}, {@code byte} and {@code char}: casts, locals, arithmetic, compound writes (issue 16). */
    SMALL_INTS,
    /** Assignments as values (issue 16): {@code a = b = c}, {@code s += (t = x * y)}, {@code if ((t = ..) > c)} ({@link ValueAssignments}). */
    ASSIGNMENT_VALUES,
    /** A while loop whose condition assigns: {@code while ((t = 0.5 * t + x) < y && it < 3)} (issue 16). */
    ASSIGNING_LOOPS,
    /** {@code ++}/{@code --} as values on int cursors indexing arrays: {@code s += v[k++]}, {@code x = c[--k]}, {@code a[k++] = e} (issue 16). */
    INCREMENT_VALUES,
    /** A helper that is an annotated overload of an earlier helper, and usually calls it ({@link Overloads}, issue 16). */
    OVERLOADS,
    /**
     * Layers accumulated row by row ({@code p[j] = p[j] + xi * w[i * n + j]}) and loops storing into
     * several arrays, with the near misses the loop printing rules must refuse ({@link DenseNests}).
     */
    DENSE_NESTS;

    /** The control-flow features: a method uses control flow only if one of them is on. */
    static final Set<Feature> CONTROL_FLOW = EnumSet.of(IF, FOR, FOREACH, WHILE, DO_WHILE, SWITCH);

    /** Excluded by default: known processor bugs (add exclusions here, with the bug's name). */
    static final Set<Feature> DEFAULT_EXCLUDED = EnumSet.noneOf(Feature.class);

    /** Features and Math function names excluded by {@code adjoint.fuzz.exclude} plus the defaults. */
    static Set<String> excluded(String property) {
        Set<String> out = new HashSet<>();
        for (Feature f : DEFAULT_EXCLUDED) {
            out.add(f.name());
        }
        if (property != null) {
            for (String s : property.split(",")) {
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("+")) {
                    out.remove(t.substring(1).toUpperCase(Locale.ROOT));
                    continue;
                }
                boolean isFeature = false;
                for (Feature f : values()) {
                    if (f.name().equalsIgnoreCase(t)) {
                        out.add(f.name());
                        isFeature = true;
                    }
                }
                if (!isFeature) {
                    if (!MathFns.ARITY.containsKey(t)) {
                        throw new IllegalArgumentException("unknown feature or function in adjoint.fuzz.exclude: " + t);
                    }
                    out.add(t);
                }
            }
        }
        return out;
    }
}
