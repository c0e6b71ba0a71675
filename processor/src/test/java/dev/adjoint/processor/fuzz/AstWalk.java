package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.ArrAssign;
import dev.adjoint.processor.fuzz.Ast.ArrInit;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cast;
import dev.adjoint.processor.fuzz.Ast.Clone;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.ForEach;
import dev.adjoint.processor.fuzz.Ast.If;
import dev.adjoint.processor.fuzz.Ast.Incr;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.Index2;
import dev.adjoint.processor.fuzz.Ast.Jump;
import dev.adjoint.processor.fuzz.Ast.Len;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.NewArr;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Return;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Unary;
import dev.adjoint.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks over program trees: the children of an expression, the expressions and blocks of a
 * statement and their replacement (for the {@link Shrinker}), the names a tree reads or writes, and
 * counts.
 */
final class AstWalk {
    private AstWalk() {}

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
        if (e instanceof NewArr a) {
            return a.m() == null ? List.of(a.n()) : List.of(a.n(), a.m());
        }
        if (e instanceof ArrInit a) {
            return a.elems();
        }
        if (e instanceof Switches.Expression w) {
            return w.children();
        }
        if (e instanceof SideEffects.AssignValue a) {
            return List.of(a.value());
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
        if (e instanceof NewArr a) {
            return new NewArr(a.elem(), k.get(0), a.m() == null ? null : k.get(1));
        }
        if (e instanceof ArrInit) {
            return new ArrInit(k);
        }
        if (e instanceof Switches.Expression w) {
            return w.withChildren(k);
        }
        if (e instanceof SideEffects.AssignValue a) {
            return new SideEffects.AssignValue(a.name(), a.op(), k.get(0));
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
        } else if (e instanceof Len l) {
            out.add(l.array());
        } else if (e instanceof Clone c) {
            out.add(c.array());
        } else if (e instanceof Call c && c.owner() == null) {
            out.add(c.name());
        } else if (e instanceof SideEffects.AssignValue a) {
            out.add(a.name());
        } else if (e instanceof SideEffects.IncrValue i) {
            out.add(i.name());
        }
        for (Expr c : children(e)) {
            names(c, out);
        }
    }

    static java.util.Set<String> names(Method m) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Stmt s : m.body()) {
            names(s, out);
        }
        names(m.ret(), out);
        return out;
    }

    static void names(Stmt s, java.util.Set<String> out) {
        for (Expr e : exprs(s)) {
            names(e, out);
        }
        if (s instanceof Assign a) {
            out.add(a.name());
        } else if (s instanceof Incr i) {
            out.add(i.name());
        } else if (s instanceof ForEach f) {
            out.add(f.array());
        } else if (s instanceof ArrAssign a) {
            out.add(a.array());
        }
        for (List<Stmt> b : blocks(s)) {
            for (Stmt t : b) {
                names(t, out);
            }
        }
    }

    /** The expressions directly in {@code s} (not in nested statements). */
    static List<Expr> exprs(Stmt s) {
        List<Expr> out = new ArrayList<>();
        if (s instanceof Decl d) {
            out.add(d.init());
        } else if (s instanceof Assign a) {
            out.add(a.value());
        } else if (s instanceof Return r) {
            out.add(r.value());
        } else if (s instanceof Ast.Effect f) {
            out.addAll(f.call().args());
        } else if (s instanceof ArrAssign a) {
            out.add(a.i());
            if (a.j() != null) {
                out.add(a.j());
            }
            out.add(a.value());
        } else if (s instanceof If f) {
            out.add(f.cond());
        } else if (s instanceof Switches.Statement w) {
            out.add(w.selector());
        } else if (s instanceof For f) {
            out.add(f.init());
            out.add(f.bound());
            if (f.extra() != null) {
                out.add(f.extra());
            }
        } else if (s instanceof While w && w.cond() != null) {
            out.add(w.cond());
        }
        return out;
    }

    /** {@code s} with its direct expressions replaced (same count and order as {@link #exprs}). */
    static Stmt withExprs(Stmt s, List<Expr> e) {
        if (s instanceof Decl d) {
            return new Decl(d.keyword(), d.name(), e.get(0));
        } else if (s instanceof Assign a) {
            return new Assign(a.name(), a.op(), e.get(0));
        } else if (s instanceof Return r) {
            return new Return(e.get(0));
        } else if (s instanceof Ast.Effect f) {
            return new Ast.Effect(new Call(f.call().owner(), f.call().name(), e));
        } else if (s instanceof ArrAssign a) {
            return a.j() == null
                    ? new ArrAssign(a.array(), e.get(0), null, a.op(), e.get(1))
                    : new ArrAssign(a.array(), e.get(0), e.get(1), a.op(), e.get(2));
        } else if (s instanceof If f) {
            return new If(e.get(0), f.then(), f.els());
        } else if (s instanceof Switches.Statement w) {
            return new Switches.Statement(e.get(0), w.groups(), w.arrow(), w.named());
        } else if (s instanceof For f) {
            return new For(
                    f.label(),
                    f.var(),
                    e.get(0),
                    f.cmp(),
                    e.get(1),
                    f.step(),
                    f.spelling(),
                    f.extra() == null ? null : e.get(2),
                    f.body());
        } else if (s instanceof While w && w.cond() != null) {
            return new While(w.label(), w.doWhile(), w.counter(), w.max(), e.get(0), w.body());
        }
        return s;
    }

    /** The statement blocks directly nested in {@code s}. */
    static List<List<Stmt>> blocks(Stmt s) {
        if (s instanceof If f) {
            return List.of(f.then(), f.els());
        }
        if (s instanceof Switches.Statement w) {
            return w.groups().stream().map(Switches.Group::body).toList();
        }
        if (s instanceof For f) {
            return List.of(f.body());
        }
        if (s instanceof ForEach f) {
            return List.of(f.body());
        }
        if (s instanceof While w) {
            return List.of(w.body());
        }
        return List.of();
    }

    /** {@code s} with its nested blocks replaced (same count and order as {@link #blocks}). */
    static Stmt withBlocks(Stmt s, List<List<Stmt>> b) {
        if (s instanceof If f) {
            return new If(f.cond(), b.get(0), b.get(1));
        }
        if (s instanceof Switches.Statement w) {
            List<Switches.Group> groups = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                Switches.Group g = w.groups().get(i);
                // a body the shrinker cut short may no longer complete: it then no longer falls through
                boolean falls = g.fallsThrough() && Switches.completes(b.get(i));
                groups.add(new Switches.Group(g.labels(), b.get(i), falls));
            }
            return new Switches.Statement(w.selector(), groups, w.arrow(), w.named());
        }
        if (s instanceof For f) {
            return f.withBody(b.get(0));
        }
        if (s instanceof ForEach f) {
            return new ForEach(f.label(), f.elem(), f.var(), f.array(), b.get(0));
        }
        if (s instanceof While w) {
            return w.withBody(b.get(0));
        }
        return s;
    }

    /** Statements in {@code body} and nested blocks, pre-order. */
    static int countStmts(List<Stmt> body) {
        int n = 0;
        for (Stmt s : body) {
            n++;
            for (List<Stmt> b : blocks(s)) {
                n += countStmts(b);
            }
        }
        return n;
    }

    /** Whether {@code s} is or contains a loop or an if. */
    static boolean hasControlFlow(List<Stmt> body) {
        for (Stmt s : body) {
            if (!blocks(s).isEmpty() || s instanceof Jump || s instanceof Return || s instanceof Ast.Throw) {
                return true;
            }
        }
        return false;
    }

    /** Names whose values {@code e} reads ({@code a.length} does not read a's elements). */
    static void valueNames(Expr e, Set<String> out) {
        if (e instanceof Ast.Len) {
            return;
        }
        if (e instanceof Ref r) {
            out.add(r.name());
        } else if (e instanceof Index ix) {
            out.add(ix.array());
        } else if (e instanceof Index2 ix) {
            out.add(ix.array());
        }
        for (Expr c : AstWalk.children(e)) {
            valueNames(c, out);
        }
    }

    /** Whether {@code body} writes elements of array {@code name}. */
    static boolean writesArray(List<Stmt> body, String name) {
        for (Stmt s : body) {
            if (s instanceof Ast.ArrAssign a && a.array().equals(name)) {
                return true;
            }
            if (s instanceof Ast.Effect f && name.equals(written(f))) {
                return true;
            }
            for (List<Stmt> b : AstWalk.blocks(s)) {
                if (writesArray(b, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Names assigned or incremented anywhere in {@code body}. */
    static Set<String> assigned(List<Stmt> body) {
        Set<String> out = new HashSet<>();
        for (Stmt s : body) {
            if (s instanceof Assign a) {
                out.add(a.name());
            } else if (s instanceof Incr i) {
                out.add(i.name());
            } else if (s instanceof Ast.ArrAssign a) {
                out.add(a.array());
            } else if (s instanceof Ast.Effect f && written(f) != null) {
                out.add(written(f));
            }
            for (Expr e : exprs(s)) SideEffects.written(e, out); // k in v[k++], t in s += (t = x)
            for (List<Stmt> b : AstWalk.blocks(s)) {
                out.addAll(assigned(b));
            }
        }
        return out;
    }

    /**
     * The array a call statement writes: {@code System.arraycopy}'s destination, {@code
     * Arrays.fill}'s first argument; null when it is not a plain name.
     */
    static String written(Ast.Effect f) {
        List<Expr> a = f.call().args();
        Expr target = f.call().name().equals("arraycopy") ? a.get(2) : a.get(0);
        return target instanceof Ref r ? r.name() : null;
    }
}
