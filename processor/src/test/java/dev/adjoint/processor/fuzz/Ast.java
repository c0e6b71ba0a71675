package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The tiny language of generated programs: immutable expression and statement trees, methods and
 * classes, printed as Java source with minimal parentheses. Types are not stored in the trees; the
 * {@link Analyzer} computes them (and value intervals) from the declarations in scope.
 */
final class Ast {
  private Ast() {}

  /** Value types of the subset. */
  enum T {
    DOUBLE("double"), INT("int"), LONG("long"), BOOLEAN("boolean"), DARR("double[]"), DARR2("double[][]");

    final String java;

    T(String java) {
      this.java = java;
    }

    boolean numeric() {
      return this == DOUBLE || this == INT || this == LONG;
    }

    boolean integral() {
      return this == INT || this == LONG;
    }
  }

  // ---------------------------------------------------------------- expressions

  sealed interface Expr permits Lit, Ref, Index, Index2, Unary, Binary, Cond, Cast, Call {}

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

  sealed interface Stmt permits Decl, Assign, Incr {}

  /** {@code keyword name = init;} with keyword double, int, long, boolean or var. */
  record Decl(String keyword, String name, Expr init) implements Stmt {}

  /** {@code name op value;} with op {@code = += -= *= /=}. */
  record Assign(String name, String op, Expr value) implements Stmt {}

  /** {@code name++;} or {@code name--;}. */
  record Incr(String name, String op) implements Stmt {}

  /** A parameter; arrays have fixed lengths ({@link Analyzer#LEN}, {@link Analyzer#ROWS} x {@link Analyzer#COLS}). */
  record Param(T type, String name) {}

  /** A static method returning double: {@code @Differentiable} unless {@code plain}. */
  record Method(String name, List<Param> params, List<Stmt> body, Expr ret) {
    Method {
      params = List.copyOf(params);
      body = List.copyOf(body);
    }

    Method withName(String n) {
      return new Method(n, params, body, ret);
    }
  }

  // ---------------------------------------------------------------- printing

  static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    print(e, sb);
    return sb.toString();
  }

  static int prec(Expr e) {
    if (e instanceof Lit l) {
      return l.text().startsWith("-") ? 14 : 16;
    }
    if (e instanceof Unary || e instanceof Cast) {
      return 14;
    }
    if (e instanceof Binary b) {
      return binPrec(b.op());
    }
    if (e instanceof Cond) {
      return 3;
    }
    return 16;
  }

  static int binPrec(String op) {
    return switch (op) {
      case "*", "/", "%" -> 13;
      case "+", "-" -> 12;
      case "<", "<=", ">", ">=" -> 10;
      case "==", "!=" -> 9;
      case "&&" -> 5;
      case "||" -> 4;
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static void wrap(Expr e, boolean parens, StringBuilder sb) {
    if (parens) {
      sb.append('(');
    }
    print(e, sb);
    if (parens) {
      sb.append(')');
    }
  }

  private static void print(Expr e, StringBuilder sb) {
    if (e instanceof Lit l) {
      sb.append(l.text());
    } else if (e instanceof Ref r) {
      sb.append(r.name());
    } else if (e instanceof Index ix) {
      sb.append(ix.array()).append('[');
      print(ix.index(), sb);
      sb.append(']');
    } else if (e instanceof Index2 ix) {
      sb.append(ix.array()).append('[');
      print(ix.i(), sb);
      sb.append("][");
      print(ix.j(), sb);
      sb.append(']');
    } else if (e instanceof Unary u) {
      sb.append(u.op());
      // "- -x" would read as a decrement; parenthesize nested unary operands.
      wrap(u.e(), prec(u.e()) < 16, sb);
    } else if (e instanceof Binary b) {
      int p = binPrec(b.op());
      // Comparisons are non-associative in Java's type rules: parenthesize equal-precedence operands.
      boolean cmp = p == 10 || p == 9;
      wrap(b.a(), prec(b.a()) < p || (cmp && prec(b.a()) == p), sb);
      sb.append(' ').append(b.op()).append(' ');
      wrap(b.b(), prec(b.b()) <= p, sb);
    } else if (e instanceof Cond c) {
      wrap(c.c(), prec(c.c()) <= 4, sb);
      sb.append(" ? ");
      wrap(c.a(), prec(c.a()) <= 3, sb);
      sb.append(" : ");
      wrap(c.b(), prec(c.b()) <= 3, sb);
    } else if (e instanceof Cast c) {
      sb.append('(').append(c.type().java).append(") ");
      wrap(c.e(), prec(c.e()) < 16, sb);
    } else if (e instanceof Call c) {
      if (c.owner() != null) {
        sb.append(c.owner()).append('.');
      }
      sb.append(c.name()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        print(c.args().get(i), sb);
      }
      sb.append(')');
    } else {
      throw new IllegalArgumentException(String.valueOf(e));
    }
  }

  static String print(Stmt s) {
    if (s instanceof Decl d) {
      return d.keyword() + " " + d.name() + " = " + print(d.init()) + ";";
    }
    if (s instanceof Assign a) {
      return a.name() + " " + a.op() + " " + print(a.value()) + ";";
    }
    Incr i = (Incr) s;
    return i.name() + i.op() + ";";
  }

  static String print(Method m, boolean differentiable, String indent) {
    StringBuilder sb = new StringBuilder();
    if (differentiable) {
      sb.append(indent).append("@Differentiable\n");
    }
    sb.append(indent).append("static double ").append(m.name()).append('(');
    for (int i = 0; i < m.params().size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(m.params().get(i).type().java).append(' ').append(m.params().get(i).name());
    }
    sb.append(") {\n");
    for (Stmt s : m.body()) {
      sb.append(indent).append("  ").append(print(s)).append('\n');
    }
    sb.append(indent).append("  return ").append(print(m.ret())).append(";\n");
    sb.append(indent).append("}\n");
    return sb.toString();
  }

  // ---------------------------------------------------------------- traversal

  /** The direct children of an expression. */
  static List<Expr> children(Expr e) {
    if (e instanceof Index ix) {
      return List.of(ix.index());
    }
    if (e instanceof Index2 ix) {
      return List.of(ix.i(), ix.j());
    }
    if (e instanceof Unary u) {
      return List.of(u.e());
    }
    if (e instanceof Binary b) {
      return List.of(b.a(), b.b());
    }
    if (e instanceof Cond c) {
      return List.of(c.c(), c.a(), c.b());
    }
    if (e instanceof Cast c) {
      return List.of(c.e());
    }
    if (e instanceof Call c) {
      return c.args();
    }
    return List.of();
  }

  /** {@code e} with its direct children replaced (same count and order as {@link #children}). */
  static Expr withChildren(Expr e, List<Expr> k) {
    if (e instanceof Index ix) {
      return new Index(ix.array(), k.get(0));
    }
    if (e instanceof Index2 ix) {
      return new Index2(ix.array(), k.get(0), k.get(1));
    }
    if (e instanceof Unary u) {
      return new Unary(u.op(), k.get(0));
    }
    if (e instanceof Binary b) {
      return new Binary(b.op(), k.get(0), k.get(1));
    }
    if (e instanceof Cond c) {
      return new Cond(k.get(0), k.get(1), k.get(2));
    }
    if (e instanceof Cast c) {
      return new Cast(c.type(), k.get(0));
    }
    if (e instanceof Call c) {
      return new Call(c.owner(), c.name(), k);
    }
    return e;
  }

  /** Every subexpression of {@code e}, pre-order (so larger subtrees first). */
  static void collect(Expr e, List<Expr> out) {
    out.add(e);
    for (Expr c : children(e)) {
      collect(c, out);
    }
  }

  static int size(Expr e) {
    int n = 1;
    for (Expr c : children(e)) {
      n += size(c);
    }
    return n;
  }

  /**
   * Every expression obtained by replacing one occurrence (pre-order position {@code target}) of a
   * subexpression with {@code f(sub)}.
   */
  static Expr replaceAt(Expr e, int[] counter, int target, Function<Expr, Expr> f) {
    int me = counter[0]++;
    if (me == target) {
      return f.apply(e);
    }
    List<Expr> kids = children(e);
    if (kids.isEmpty()) {
      return e;
    }
    List<Expr> nk = new ArrayList<>(kids.size());
    boolean changed = false;
    for (Expr c : kids) {
      Expr r = replaceAt(c, counter, target, f);
      changed |= r != c;
      nk.add(r);
    }
    return changed ? withChildren(e, nk) : e;
  }

  /** Names referenced anywhere in {@code e} (variables, arrays, constants and called methods). */
  static void names(Expr e, java.util.Set<String> out) {
    if (e instanceof Ref r) {
      out.add(r.name());
    } else if (e instanceof Index ix) {
      out.add(ix.array());
    } else if (e instanceof Index2 ix) {
      out.add(ix.array());
    } else if (e instanceof Call c && c.owner() == null) {
      out.add(c.name());
    }
    for (Expr c : children(e)) {
      names(c, out);
    }
  }

  static java.util.Set<String> names(Method m) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Stmt s : m.body()) {
      if (s instanceof Decl d) {
        names(d.init(), out);
      } else if (s instanceof Assign a) {
        out.add(a.name());
        names(a.value(), out);
      } else if (s instanceof Incr i) {
        out.add(i.name());
      }
    }
    names(m.ret(), out);
    return out;
  }
}
