package dev.adjoint.processor.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * The functions of {@code java.lang.Math} and {@code StrictMath} on doubles that Adjoint knows.
 * Each row is one entry of the derivative table: its partial derivatives as graph expressions
 * (the {@code op.bprop} of Goodfellow et al. §6.5, symbol to symbol), written in terms of the arguments {@code x}
 * and the result {@code y} so that values of the forward sweep are reused. A row with no
 * partials has derivative zero everywhere it is defined: its result is a constant.
 *
 * <p>Conventions at kinks: {@code abs'(0) = 0}; {@code max} and {@code min} send the whole
 * derivative to their first argument on a tie; {@code hypot} has derivative 0 at the origin.
 */
public enum MathFunction {
    SIN(1, true),
    COS(1, true),
    TAN(1, true),
    ASIN(1, true),
    ACOS(1, true),
    ATAN(1, true),
    ATAN2(2, true),
    SINH(1, true),
    COSH(1, true),
    TANH(1, true),
    EXP(1, true),
    EXPM1(1, true),
    LOG(1, true),
    LOG1P(1, true),
    LOG10(1, true),
    SQRT(1, true),
    CBRT(1, true),
    POW(2, true),
    HYPOT(2, true),
    ABS(1, true),
    MAX(2, true),
    MIN(2, true),
    TO_RADIANS(1, true),
    TO_DEGREES(1, true),
    FMA(3, true),
    FLOOR(1, false),
    CEIL(1, false),
    RINT(1, false),
    SIGNUM(1, false),
    ROUND(1, false);

    /**
     * A use of a function: which class it is called on decides the emitted receiver, so that the
     * derivative methods compute the same values as the user's method. {@code library} is the
     * qualified name of a class that mirrors {@code java.lang.Math} (Hipparchus' or Commons Math's
     * {@code FastMath}), or null for {@code Math} and {@code StrictMath} themselves.
     */
    public record Call(MathFunction function, boolean strict, String library) {
        public Call(MathFunction function, boolean strict) {
            this(function, strict, null);
        }

        @Override
        public String toString() {
            String owner =
                    library != null ? library.substring(library.lastIndexOf('.') + 1) : strict ? "StrictMath" : "Math";
            return owner + "." + function.javaName();
        }
    }

    public final int arity;
    private final boolean differentiable;

    MathFunction(int arity, boolean differentiable) {
        this.arity = arity;
        this.differentiable = differentiable;
    }

    /** The method's name in java.lang.Math. */
    public String javaName() {
        String[] parts = name().toLowerCase().split("_");
        StringBuilder s = new StringBuilder(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            s.append(Character.toUpperCase(parts[k].charAt(0))).append(parts[k].substring(1));
        }
        return s.toString();
    }

    /** False for piecewise-constant functions (floor, round…), whose results are constants. */
    public boolean hasDerivative() {
        return differentiable;
    }

    /**
     * Whether the derivative is a function of the result alone (exp: y, tanh: 1 − y², sqrt:
     * 0.5 / y): a loop's backward sweep then reads the saved result instead of calling it again.
     */
    public boolean derivativeFromResult() {
        return switch (this) {
            case EXP, EXPM1, TANH, SQRT, CBRT, TAN -> true;
            default -> false;
        };
    }

    /** {@code round} is the one function here whose double overload returns a long. */
    public Type resultType() {
        return this == ROUND ? Type.LONG : Type.DOUBLE;
    }

    /**
     * {@code f(x)} for {@code y = g(x)}: the primal's own call when it makes one in y's block (a
     * rotation computes the cos and the sin of one angle), which reverse mode then keeps from its
     * forward sweep like any other value it reads, instead of calling {@code f} again in the
     * backward sweep; else a new call. Only the backward sweep looks: it runs after the whole
     * block, while forward mode's derivative stands right after y, before a call made later.
     */
    private static Node beside(GraphBuilder b, Node y, MathFunction f) {
        Node x = y.arg(0);
        Call plain = new Call(f, false);
        if (!b.inBackward()) return b.math(plain, x);
        for (Node n : y.region.nodes) {
            if (n.op == Op.MATH && n.args.size() == 1 && n.arg(0) == x && plain.equals(n.mathCall())) return n;
        }
        return b.math(plain, x);
    }

    /** ∂y/∂x_i as graph nodes, where {@code y} is the node of this function's result. */
    public Node partial(GraphBuilder b, Node y, int i) {
        Node[] x = y.args.toArray(new Node[0]);
        return switch (this) {
            case SIN -> beside(b, y, COS);
            case COS -> b.neg(beside(b, y, SIN));
            case TAN -> b.add(b.constant(1), b.mul(y, y));
            case ASIN -> b.div(b.constant(1), b.math(SQRT, b.sub(b.constant(1), b.mul(x[0], x[0]))));
            case ACOS -> b.div(b.constant(-1), b.math(SQRT, b.sub(b.constant(1), b.mul(x[0], x[0]))));
            case ATAN -> b.div(b.constant(1), b.add(b.constant(1), b.mul(x[0], x[0])));
            case ATAN2 -> {
                // atan2(u, v): d/du = v / (u² + v²), d/dv = -u / (u² + v²)
                Node r2 = b.add(b.mul(x[0], x[0]), b.mul(x[1], x[1]));
                yield i == 0 ? b.div(x[1], r2) : b.div(b.neg(x[0]), r2);
            }
            case SINH -> beside(b, y, COSH);
            case COSH -> beside(b, y, SINH);
            case TANH -> b.sub(b.constant(1), b.mul(y, y));
            case EXP -> y;
            case EXPM1 -> b.add(y, b.constant(1));
            case LOG -> b.div(b.constant(1), x[0]);
            case LOG1P -> b.div(b.constant(1), b.add(b.constant(1), x[0]));
            case LOG10 -> b.div(b.constant(1 / Math.log(10)), x[0]);
            case SQRT -> b.div(b.constant(0.5), y);
            case CBRT -> b.div(b.constant(1), b.mul(b.constant(3), b.mul(y, y)));
            case POW -> {
                // d/da a^p = p·a^(p-1) (0 when p = 0, so 0^0 has no NaN); d/dp a^p = a^p·ln a (0 at a = 0).
                // Only the partial that is asked for is built: pow(x, 3) never computes ln x.
                if (i == 0) {
                    Node p = x[1];
                    Node slope = b.mul(p, b.math(POW, x[0], b.sub(p, b.constant(1))));
                    yield b.choose(b.compare(Op.EQ, p, b.constant(0)), b.constant(0), slope);
                }
                yield b.choose(b.compare(Op.EQ, x[0], b.constant(0)), b.constant(0), b.mul(y, b.math(LOG, x[0])));
            }
            case HYPOT -> b.choose(b.compare(Op.EQ, y, b.constant(0)), b.constant(0), b.div(x[i], y));
            case ABS -> b.math(SIGNUM, x[0]);
            case MAX -> {
                Node firstWins = b.compare(Op.GE, x[0], x[1]);
                yield i == 0
                        ? b.choose(firstWins, b.constant(1), b.constant(0))
                        : b.choose(firstWins, b.constant(0), b.constant(1));
            }
            case MIN -> {
                Node firstWins = b.compare(Op.LE, x[0], x[1]);
                yield i == 0
                        ? b.choose(firstWins, b.constant(1), b.constant(0))
                        : b.choose(firstWins, b.constant(0), b.constant(1));
            }
            case TO_RADIANS -> b.constant(Math.toRadians(1));
            case TO_DEGREES -> b.constant(Math.toDegrees(1));
            case FMA -> i == 0 ? x[1] : i == 1 ? x[0] : b.constant(1);
            default -> throw new IllegalArgumentException(this + " has derivative zero");
        };
    }

    public static Optional<MathFunction> byJavaName(String name, int arity) {
        return Arrays.stream(values())
                .filter(f -> f.arity == arity && f.javaName().equals(name))
                .findFirst();
    }
}
