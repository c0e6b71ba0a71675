package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.T;
import dev.adjoint.processor.fuzz.Checker.Failure;
import dev.adjoint.processor.fuzz.Checker.Outcome;
import dev.adjoint.processor.testing.Differentiated;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy delta-debugging of a failing program: repeatedly tries strictly smaller variants
 * (drop a statement, replace a subexpression by one of its children or by a leaf, drop an unused
 * parameter, shrink a helper's body, drop unused helpers) and keeps the first variant that the
 * analyzer accepts and that still fails with the same kind and signature at the same point.
 * Candidates are compiled in batches, one class each, to amortize javac.
 */
final class Shrinker {
  private static final int BATCH = 24;

  private final boolean allowParamAssign;
  private final long deadline;
  int compilations;
  int steps;

  Shrinker(boolean allowParamAssign, long millis) {
    this.allowParamAssign = allowParamAssign;
    this.deadline = System.currentTimeMillis() + millis;
  }

  /** The result: the smallest failing program found, and its failure. */
  record Shrunk(Program program, Failure failure, String generated) {}

  Shrunk shrink(Program start, Map<String, Object> point, Failure target) {
    Program cur = start.pruned();
    Failure curFailure = target;
    String generated = null;
    boolean progress = true;
    while (progress && System.currentTimeMillis() < deadline) {
      progress = false;
      List<Program> cands = candidates(cur);
      for (int from = 0; from < cands.size() && System.currentTimeMillis() < deadline; from += BATCH) {
        List<Program> batch = cands.subList(from, Math.min(cands.size(), from + BATCH));
        Hit hit = firstFailing(batch, point, target);
        if (hit != null) {
          cur = hit.program;
          curFailure = hit.failure;
          generated = hit.generated;
          steps++;
          progress = true;
          break;
        }
      }
    }
    return new Shrunk(cur, curFailure, generated);
  }

  private record Hit(Program program, Failure failure, String generated) {}

  private Hit firstFailing(List<Program> batch, Map<String, Object> point, Failure target) {
    String[] sources = new String[batch.size()];
    for (int k = 0; k < sources.length; k++) {
      sources[k] = batch.get(k).source("S" + k);
    }
    if (target.kind() != Checker.Kind.COMPILE) {
      compilations++;
      Compile.Result all = Compile.compile(sources);
      if (all.compiled() != null) {
        for (int k = 0; k < sources.length; k++) {
          Hit h = run(all, "S" + k, batch.get(k), point, target);
          if (h != null) {
            return h;
          }
        }
        return null;
      }
    }
    for (int k = 0; k < sources.length; k++) {
      if (System.currentTimeMillis() > deadline) {
        return null;
      }
      compilations++;
      Compile.Result one = Compile.compile(batch.get(k).source("S0"));
      if (one.failure() != null) {
        if (one.failure().sameAs(target)) {
          return new Hit(batch.get(k), one.failure(), null);
        }
        continue;
      }
      if (target.kind() == Checker.Kind.COMPILE) {
        continue;
      }
      Hit h = run(one, "S0", batch.get(k), point, target);
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  private static Hit run(Compile.Result c, String cls, Program p, Map<String, Object> point, Failure target) {
    Failure f;
    try {
      Differentiated d = Differentiated.of(c.compiled(), Program.PACKAGE + "." + cls, p.method().name());
      Outcome o = Checker.check(d, p.method(), restrict(point, p.method()), 1234);
      f = o.failure();
    } catch (AssertionError e) {
      f = new Failure(Checker.Kind.SHAPE, "shape", String.valueOf(e.getMessage()));
    }
    if (f != null && f.sameAs(target)) {
      String gen = null;
      try {
        gen = c.compiled().generatedSource(Program.PACKAGE + "." + cls + "Grad");
      } catch (AssertionError ignored) {
        // no generated source
      }
      return new Hit(p, f, gen);
    }
    return null;
  }

  static Map<String, Object> restrict(Map<String, Object> point, Method m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Param p : m.params()) {
      out.put(p.name(), point.get(p.name()));
    }
    return out;
  }

  // ---------------------------------------------------------------- candidates

  static long cost(Program p) {
    long nodes = 0;
    long stmts = 0;
    List<Method> all = new ArrayList<>(p.helpers());
    all.add(p.method());
    for (Method m : all) {
      for (Stmt s : m.body()) {
        stmts++;
        Expr e = stmtExpr(s);
        nodes += e == null ? 1 : Ast.size(e);
      }
      nodes += Ast.size(m.ret()) + m.params().size();
    }
    return nodes * 1000 + stmts * 100 + all.size() * 50 + p.source("C").length();
  }

  private static Expr stmtExpr(Stmt s) {
    if (s instanceof Decl d) {
      return d.init();
    }
    if (s instanceof Assign a) {
      return a.value();
    }
    return null;
  }

  private static Stmt withExpr(Stmt s, Expr e) {
    if (s instanceof Decl d) {
      return new Decl(d.keyword(), d.name(), e);
    }
    if (s instanceof Assign a) {
      return new Assign(a.name(), a.op(), e);
    }
    return s;
  }

  private List<Program> candidates(Program p) {
    long base = cost(p);
    Set<Program> out = new LinkedHashSet<>();
    // The method itself.
    for (Method m : methodVariants(p.method())) {
      out.add(new Program(p.helpers(), m).pruned());
    }
    // Helper bodies.
    for (int h = 0; h < p.helpers().size(); h++) {
      Method hm = p.helpers().get(h);
      for (Method v : methodVariants(hm)) {
        if (!v.params().equals(hm.params())) {
          continue;
        }
        List<Method> hs = new ArrayList<>(p.helpers());
        hs.set(h, v);
        out.add(new Program(hs, p.method()).pruned());
      }
    }
    List<Program> valid = new ArrayList<>();
    for (Program c : out) {
      if (cost(c) >= base) {
        continue;
      }
      try {
        c.validate(allowParamAssign);
        valid.add(c);
      } catch (Analyzer.Invalid e) {
        // not a valid program
      }
    }
    return valid;
  }

  private static List<Method> methodVariants(Method m) {
    List<Method> out = new ArrayList<>();
    // Drop a statement.
    for (int i = 0; i < m.body().size(); i++) {
      List<Stmt> b = new ArrayList<>(m.body());
      b.remove(i);
      out.add(new Method(m.name(), m.params(), b, m.ret()));
    }
    // Inline a local that is never reassigned: drop its declaration, use its initializer instead.
    for (int i = 0; i < m.body().size(); i++) {
      if (!(m.body().get(i) instanceof Decl d)) {
        continue;
      }
      boolean reassigned = false;
      for (Stmt s : m.body()) {
        reassigned |= (s instanceof Assign a && a.name().equals(d.name()))
            || (s instanceof Ast.Incr in && in.name().equals(d.name()));
      }
      if (reassigned) {
        continue;
      }
      List<Stmt> b = new ArrayList<>();
      for (int k = 0; k < m.body().size(); k++) {
        if (k != i) {
          Stmt s = m.body().get(k);
          Expr e = stmtExpr(s);
          b.add(k > i && e != null ? withExpr(s, substitute(e, d.name(), d.init())) : s);
        }
      }
      out.add(new Method(m.name(), m.params(), b, substitute(m.ret(), d.name(), d.init())));
    }
    // Drop an unused parameter.
    Set<String> used = Ast.names(m);
    for (int i = 0; i < m.params().size(); i++) {
      if (!used.contains(m.params().get(i).name())) {
        List<Param> ps = new ArrayList<>(m.params());
        ps.remove(i);
        out.add(new Method(m.name(), ps, m.body(), m.ret()));
      }
    }
    List<Expr> leaves = new ArrayList<>();
    leaves.add(new Lit(T.DOUBLE, "1.0", 1.0));
    leaves.add(new Lit(T.INT, "1", 1));
    leaves.add(new Lit(T.INT, "0", 0));
    for (Param p : m.params()) {
      if (p.type() == T.DOUBLE || p.type() == T.INT) {
        leaves.add(new Ref(p.name()));
      }
    }
    // Replace a subexpression of the return value or of a statement.
    for (Expr v : exprVariants(m.ret(), leaves)) {
      out.add(new Method(m.name(), m.params(), m.body(), v));
    }
    for (int i = 0; i < m.body().size(); i++) {
      Expr e = stmtExpr(m.body().get(i));
      if (e == null) {
        continue;
      }
      for (Expr v : exprVariants(e, leaves)) {
        List<Stmt> b = new ArrayList<>(m.body());
        b.set(i, withExpr(b.get(i), v));
        out.add(new Method(m.name(), m.params(), b, m.ret()));
      }
    }
    // Simplify statement forms: compound to plain assignment, var to explicit types.
    for (int i = 0; i < m.body().size(); i++) {
      Stmt s = m.body().get(i);
      if (s instanceof Assign a && !a.op().equals("=")) {
        List<Stmt> b = new ArrayList<>(m.body());
        b.set(i, new Assign(a.name(), "=", a.value()));
        out.add(new Method(m.name(), m.params(), b, m.ret()));
      }
    }
    return out;
  }

  private static Expr substitute(Expr e, String name, Expr by) {
    if (e instanceof Ref r && r.name().equals(name)) {
      return by;
    }
    List<Expr> kids = Ast.children(e);
    if (kids.isEmpty()) {
      return e;
    }
    List<Expr> nk = new ArrayList<>();
    for (Expr k : kids) {
      nk.add(substitute(k, name, by));
    }
    return Ast.withChildren(e, nk);
  }

  private static List<Expr> exprVariants(Expr e, List<Expr> leaves) {
    List<Expr> subs = new ArrayList<>();
    Ast.collect(e, subs);
    List<Expr> out = new ArrayList<>();
    for (int pos = 0; pos < subs.size(); pos++) {
      Expr sub = subs.get(pos);
      List<Expr> repl = new ArrayList<>(Ast.children(sub));
      if (sub instanceof Call c && c.owner() != null) {
        // a call's arguments may be wrapped in safe-domain guards: try the guards' insides too
        for (Expr a : c.args()) {
          repl.addAll(Ast.children(a));
        }
        if (c.owner().equals("StrictMath")) {
          repl.add(new Call("Math", c.name(), c.args()));
        }
      }
      repl.addAll(leaves);
      for (Expr r : repl) {
        if (r.equals(sub)) {
          continue;
        }
        final int target = pos;
        out.add(Ast.replaceAt(e, new int[] {0}, target, x -> r));
      }
    }
    return out;
  }
}
