package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiny language of generated programs: immutable expression and statement trees and methods
 * ({@link AstPrinter} prints them as Java source, {@link AstWalk} walks them). Types are not stored
 * in the trees; the {@link Analyzer} computes them (and value intervals) from the declarations in
 * scope.
 */
final class Ast {
    private Ast() {}

    /** Value types of the subset. */
    enum T {
        DOUBLE("double"),
        INT("int"),
        LONG("long"),
        BOOLEAN("boolean"),
        DARR("double[]"),
        DARR2("double[][]"),
        IARR("int[]"),
        SHORT("short"),
        BYTE("byte"),
        CHAR("char");

        final String java;

        T(String java) {
            this.java = java;
        }

        boolean numeric() {
            return this == DOUBLE || this == INT || this == LONG || small();
        }

        boolean integral() {
            return this == INT || this == LONG || small();
        }

        /** short, byte and char: promoted to int by every operator. */
        boolean small() {
            return this == SHORT || this == BYTE || this == CHAR;
        }

        /** Least value of a small type. */
        double min() {
            return this == SHORT ? Short.MIN_VALUE : this == BYTE ? Byte.MIN_VALUE : 0;
        }

        /** Greatest value of a small type. */
        double max() {
            return this == SHORT ? Short.MAX_VALUE : this == BYTE ? Byte.MAX_VALUE : Character.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- expressions

    sealed interface Expr
            permits Lit,
                    Ref,
                    Index,
                    Index2,
                    Unary,
                    Binary,
                    Cond,
                    Cast,
                    Call,
                    Len,
                    NewArr,
                    ArrInit,
                    Clone,
                    Switches.Expression,
                    SideEffects.AssignValue,
                    SideEffects.IncrValue {}

    /** {@code new double[n]}, {@code new int[n]} ({@code elem} DOUBLE or INT, {@code m} null) or {@code new double[n][m]}; only as a declaration's initializer. */
    record NewArr(T elem, Expr n, Expr m) implements Expr {}

    /** An array initializer {@code {a, b, c}} of a {@code double[]} or {@code int[]} declaration. */
    record ArrInit(List<Expr> elems) implements Expr {
        ArrInit {
            elems = List.copyOf(elems);
        }
    }

    /** {@code array.clone()} of a one-dimensional array; only as a declaration's initializer. */
    record Clone(String array) implements Expr {}

    /** {@code array.length}, or {@code array[0].length} when {@code inner}. */
    record Len(String array, boolean inner) implements Expr {}

    /** A literal: {@code type} DOUBLE, INT or BOOLEAN; {@code text} is its Java spelling. */
    record Lit(T type, String text, double value) implements Expr {}

    /** A parameter, local variable or {@code static final} constant of the class. */
    record Ref(String name) implements Expr {}

    /** {@code array[index]}. */
    record Index(String array, Expr index) implements Expr {}

    /** {@code array[i][j]}. */
    record Index2(String array, Expr i, Expr j) implements Expr {}

    /** {@code -e} or {@code !e}. */
    record Unary(String op, Expr e) implements Expr {}

    /** Arithmetic {@code + - * / %}, comparison {@code < <= > >= == !=}, logical {@code && ||}. */
    record Binary(String op, Expr a, Expr b) implements Expr {}

    /** {@code c ? a : b}. */
    record Cond(Expr c, Expr a, Expr b) implements Expr {}

    /** {@code (type) e}. */
    record Cast(T type, Expr e) implements Expr {}

    /** {@code owner.name(args)}; owner {@code Math}, {@code StrictMath}, or null for a method of the class. */
    record Call(String owner, String name, List<Expr> args) implements Expr {
        Call {
            args = List.copyOf(args);
        }
    }

    // ---------------------------------------------------------------- statements

    sealed interface Stmt
            permits Decl,
                    Assign,
                    Incr,
                    If,
                    For,
                    ForEach,
                    While,
                    Jump,
                    Return,
                    ArrAssign,
                    Throw,
                    Effect,
                    Switches.Statement {}

    /** {@code array[i] op value;} or {@code array[i][j] op value;} ({@code j} null for one dimension), op {@code = += -= *=}. */
    record ArrAssign(String array, Expr i, Expr j, String op, Expr value) implements Stmt {}

    /** {@code if (cond) { then } else { els }}; no else when {@code els} is empty; else-if when it is one If. */
    record If(Expr cond, List<Stmt> then, List<Stmt> els) implements Stmt {
        If {
            then = List.copyOf(then);
            els = List.copyOf(els);
        }
    }

    /**
     * {@code label: for (int var = init; var cmp bound [&& extra]; update) { body }}. {@code step} is
     * +1, -1, +2 or -2; {@code spelling} picks how the update is written ({@code i++}, {@code ++i},
     * {@code i += 1}, {@code i = i + 1}). {@code label} and {@code extra} may be null.
     */
    record For(
            String label,
            String var,
            Expr init,
            String cmp,
            Expr bound,
            int step,
            int spelling,
            Expr extra,
            List<Stmt> body)
            implements Stmt {
        For {
            body = List.copyOf(body);
        }

        For withBody(List<Stmt> b) {
            return new For(label, var, init, cmp, bound, step, spelling, extra, b);
        }
    }

    /** {@code label: for (elem var : array) { body }} with elem double (over double[]), double[] (over double[][]) or int. */
    record ForEach(String label, T elem, String var, String array, List<Stmt> body) implements Stmt {
        ForEach {
            body = List.copyOf(body);
        }
    }

    /**
     * A loop bounded by its own counter: {@code int counter = 0; label: while (counter < max [&& cond])
     * { counter++; body }}, or with {@code doWhile} {@code int counter = 0; label: do { counter++; body }
     * while (counter < max [&& cond]);}. {@code cond} and {@code label} may be null.
     */
    record While(String label, boolean doWhile, String counter, int max, Expr cond, List<Stmt> body) implements Stmt {
        While {
            body = List.copyOf(body);
        }

        While withBody(List<Stmt> b) {
            return new While(label, doWhile, counter, max, cond, b);
        }
    }

    /** {@code break [label];} or {@code continue [label];} ({@code kind} "break" or "continue"). */
    record Jump(String kind, String label) implements Stmt {}

    /** {@code return value;} anywhere in the body. */
    record Return(Expr value) implements Stmt {}

    /**
     * {@code throw new exception(message);}: an argument check, always as the only statement of an
     * if at the start of a method; derivative methods must throw the same at the same inputs.
     */
    record Throw(String exception, String message) implements Stmt {}

    /** A call as a statement, for its effect on an array: {@code System.arraycopy(..)}, {@code Arrays.fill(..)}. */
    record Effect(Call call) implements Stmt {}

    /** {@code keyword name = init;} with keyword double, int, long, boolean, var, double[], int[] or double[][]. */
    record Decl(String keyword, String name, Expr init) implements Stmt {}

    /** {@code name op value;} with op {@code = += -= *= /=}. */
    record Assign(String name, String op, Expr value) implements Stmt {}

    /** {@code name++;} or {@code name--;}. */
    record Incr(String name, String op) implements Stmt {}

    /** A parameter; arrays have fixed lengths ({@link Analyzer#LEN}, {@link Analyzer#ROWS} x {@link Analyzer#COLS}). */
    record Param(T type, String name) {}

    /** A static method returning double: {@code @Differentiable} unless {@code plain}. */
    /**
     * A static method returning double, {@code @Differentiable}, with {@code @Differentiable(wrt = ...)}
     * when {@code wrt} is not empty; {@code body} is followed by {@code return ret;}.
     */
    record Method(String name, List<Param> params, List<Stmt> body, Expr ret, List<String> wrt) {
        Method {
            params = List.copyOf(params);
            body = List.copyOf(body);
            wrt = List.copyOf(wrt);
        }

        Method(String name, List<Param> params, List<Stmt> body, Expr ret) {
            this(name, params, body, ret, List.of());
        }

        Method withName(String n) {
            return new Method(n, params, body, ret, wrt);
        }

        Method withBody(List<Stmt> b) {
            return new Method(name, params, b, ret, wrt);
        }

        Method withRet(Expr r) {
            return new Method(name, params, body, r, wrt);
        }

        /** Without parameter {@code i} (and without it in {@code wrt}). */
        Method withoutParam(int i) {
            List<Param> ps = new ArrayList<>(params);
            Param gone = ps.remove(i);
            List<String> w = new ArrayList<>(wrt);
            w.remove(gone.name());
            return new Method(name, ps, body, ret, w);
        }

        /** Whether parameter {@code p} is differentiated. */
        boolean differentiated(Param p) {
            return wrt.isEmpty()
                    ? p.type() == T.DOUBLE || p.type() == T.DARR || p.type() == T.DARR2
                    : wrt.contains(p.name());
        }
    }
}
