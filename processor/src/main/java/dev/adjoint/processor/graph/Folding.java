package dev.adjoint.processor.graph;

/** Evaluates operations on constants exactly as Java would at run time. */
final class Folding {
    private Folding() {}

    /** The value of {@code a op b}, or null when folding is unsafe (integer division by zero). */
    static Object arithmetic(Op op, Node a, Node b) {
        switch (a.type) {
            case DOUBLE -> {
                double x = a.constDouble(), y = b.constDouble();
                return switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case REM -> x % y;
                    default -> null;
                };
            }
            case INT, LONG -> {
                // int arithmetic is long arithmetic narrowed to 32 bits, overflow and MIN_VALUE / -1 included
                long x = a.constLong(), y = b.constLong();
                if ((op == Op.DIV || op == Op.REM) && y == 0) return null;
                long r = switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case REM -> x % y;
                    default -> throw new IllegalArgumentException(op.toString());
                };
                return a.type == Type.INT ? (Object) (int) r : (Object) r;
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code a op b} for an integer bit operator, {@code a}'s type being the result's. */
    static Object bitwise(String op, Node a, Node b) {
        long x = a.constLong(), y = b.constLong();
        if (a.type == Type.INT) {
            int i = (int) x;
            return switch (op) {
                case "&" -> i & (int) y;
                case "|" -> i | (int) y;
                case "^" -> i ^ (int) y;
                case "<<" -> i << y;
                case ">>" -> i >> y;
                default -> i >>> y;
            };
        }
        return switch (op) {
            case "&" -> x & y;
            case "|" -> x | y;
            case "^" -> x ^ y;
            case "<<" -> x << y;
            case ">>" -> x >> y;
            default -> x >>> y;
        };
    }

    static boolean compare(Op op, Node a, Node b) {
        double x = a.constDouble(), y = b.constDouble();
        if (a.type == Type.LONG && b.type == Type.LONG) {
            int c = Long.compare(a.constLong(), b.constLong());
            return test(op, c, false);
        }
        boolean unordered = Double.isNaN(x) || Double.isNaN(y);
        return test(op, unordered ? 0 : Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y), unordered);
    }

    private static boolean test(Op op, int c, boolean unordered) {
        if (unordered) return op == Op.NE;
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case EQ -> c == 0;
            case NE -> c != 0;
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    static Object cast(Node a, Type to) {
        return switch (to) {
            case DOUBLE -> a.type == Type.LONG ? (double) a.constLong() : a.constDouble();
            case INT -> a.type == Type.DOUBLE ? (int) a.constDouble() : (int) a.constLong();
            case LONG -> a.type == Type.DOUBLE ? (long) a.constDouble() : a.constLong();
            default -> throw new IllegalArgumentException("cast to " + to);
        };
    }
}
