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
import dev.adjoint.processor.fuzz.Ast.Lit;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.NewArr;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Return;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Unary;
import dev.adjoint.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated programs as Java source, with minimal parentheses: expressions, statements (on one
 * line, or indented blocks for compound ones) and whole {@code @Differentiable} methods.
 */
final class AstPrinter {
    private AstPrinter() {}

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
        if (e instanceof SideEffects.IncrValue) {
            return 14; // "-" before "--k" would read as "---k"
        }
        return 16;
    }

    static int binPrec(String op) {
        return switch (op) {
            case "*", "/", "%" -> 13;
            case "+", "-" -> 12;
            case "<", "<=", ">", ">=" -> 10;
            case "<<", ">>" -> 11;
            case "==", "!=" -> 9;
            case "&" -> 8;
            case "^" -> 7;
            case "|" -> 6;
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
        } else if (e instanceof Len l) {
            sb.append(l.array()).append(l.inner() ? "[0].length" : ".length");
        } else if (e instanceof NewArr a) {
            sb.append("new ").append(a.elem().java).append('[');
            print(a.n(), sb);
            sb.append(']');
            if (a.m() != null) {
                sb.append('[');
                print(a.m(), sb);
                sb.append(']');
            }
        } else if (e instanceof ArrInit a) {
            sb.append('{');
            for (int i = 0; i < a.elems().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                print(a.elems().get(i), sb);
            }
            sb.append('}');
        } else if (e instanceof Clone c) {
            sb.append(c.array()).append(".clone()");
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
        } else if (e instanceof Switches.Expression w) {
            w.print(sb);
        } else if (e instanceof SideEffects.AssignValue a) {
            a.print(sb, false);
        } else if (e instanceof SideEffects.IncrValue i) {
            i.print(sb);
        } else if (e instanceof Call c) {
            if (c.owner() != null) {
                sb.append(c.owner()).append('.');
            }
            sb.append(c.owner() == null ? Overloads.javaName(c.name()) : c.name())
                    .append('(');
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

    /** A simple statement on one line; compound statements through {@link #print(Stmt, String, StringBuilder)}. */
    static String print(Stmt s) {
        StringBuilder sb = new StringBuilder();
        print(s, "", sb);
        return sb.toString().strip();
    }

    private static void block(List<Stmt> body, String indent, StringBuilder sb) {
        for (Stmt s : body) {
            print(s, indent, sb);
        }
    }

    private static String update(String v, int step, int spelling) {
        String sign = step > 0 ? "+" : "-";
        int m = Math.abs(step);
        if (m == 1 && spelling == 0) {
            return v + sign + sign;
        }
        if (m == 1 && spelling == 1) {
            return sign + sign + v;
        }
        if (spelling == 3) {
            return v + " = " + v + " " + sign + " " + m;
        }
        return v + " " + sign + "= " + m;
    }

    /** Prints {@code s} at {@code indent}, each line ending in a newline. */
    static void print(Stmt s, String indent, StringBuilder sb) {
        if (s instanceof Decl d) {
            sb.append(indent)
                    .append(d.keyword())
                    .append(' ')
                    .append(d.name())
                    .append(" = ")
                    .append(print(d.init()))
                    .append(";\n");
        } else if (s instanceof Assign a) {
            sb.append(indent).append(a.name()).append(' ').append(a.op()).append(' ');
            if (a.value() instanceof SideEffects.AssignValue chained) chained.print(sb, true); // a = b = c
            else sb.append(print(a.value()));
            sb.append(";\n");
        } else if (s instanceof Incr i) {
            sb.append(indent).append(i.name()).append(i.op()).append(";\n");
        } else if (s instanceof ArrAssign a) {
            sb.append(indent).append(a.array()).append('[').append(print(a.i())).append(']');
            if (a.j() != null) {
                sb.append('[').append(print(a.j())).append(']');
            }
            sb.append(' ').append(a.op()).append(' ').append(print(a.value())).append(";\n");
        } else if (s instanceof Jump j) {
            sb.append(indent)
                    .append(j.kind())
                    .append(j.label() == null ? "" : " " + j.label())
                    .append(";\n");
        } else if (s instanceof Return r) {
            sb.append(indent).append("return ").append(print(r.value())).append(";\n");
        } else if (s instanceof Ast.Throw t) {
            sb.append(indent)
                    .append("throw new ")
                    .append(t.exception())
                    .append("(\"")
                    .append(t.message())
                    .append("\");\n");
        } else if (s instanceof Ast.Effect f) {
            sb.append(indent).append(print(f.call())).append(";\n");
        } else if (s instanceof If f) {
            sb.append(indent);
            printIf(f, indent, sb);
        } else if (s instanceof Switches.Statement w) {
            w.print(indent, sb);
        } else if (s instanceof For f) {
            label(f.label(), indent, sb);
            sb.append(indent)
                    .append("for (int ")
                    .append(f.var())
                    .append(" = ")
                    .append(print(f.init()))
                    .append("; ")
                    .append(f.var())
                    .append(' ')
                    .append(f.cmp())
                    .append(' ');
            Expr bound = f.bound();
            sb.append(prec(bound) <= 10 ? "(" + print(bound) + ")" : print(bound));
            if (f.extra() != null) {
                sb.append(" && ").append(prec(f.extra()) <= 5 ? "(" + print(f.extra()) + ")" : print(f.extra()));
            }
            sb.append("; ").append(update(f.var(), f.step(), f.spelling())).append(") {\n");
            block(f.body(), indent + "  ", sb);
            sb.append(indent).append("}\n");
        } else if (s instanceof ForEach f) {
            label(f.label(), indent, sb);
            sb.append(indent)
                    .append("for (")
                    .append(f.elem().java)
                    .append(' ')
                    .append(f.var())
                    .append(" : ")
                    .append(f.array())
                    .append(") {\n");
            block(f.body(), indent + "  ", sb);
            sb.append(indent).append("}\n");
        } else if (s instanceof While w) {
            sb.append(indent).append("int ").append(w.counter()).append(" = 0;\n");
            label(w.label(), indent, sb);
            String cond = SideEffects.has(w.cond())
                    ? SideEffects.whileCondition(w, w.counter() + " < " + w.max())
                    : w.counter() + " < " + w.max()
                            + (w.cond() == null
                                    ? ""
                                    : " && " + (prec(w.cond()) <= 5 ? "(" + print(w.cond()) + ")" : print(w.cond())));
            sb.append(indent).append(w.doWhile() ? "do {\n" : "while (" + cond + ") {\n");
            sb.append(indent).append("  ").append(w.counter()).append("++;\n");
            block(w.body(), indent + "  ", sb);
            sb.append(indent).append(w.doWhile() ? "} while (" + cond + ");\n" : "}\n");
        } else {
            throw new IllegalArgumentException(String.valueOf(s));
        }
    }

    private static void label(String label, String indent, StringBuilder sb) {
        if (label != null) {
            sb.append(indent).append(label).append(":\n");
        }
    }

    private static void printIf(If f, String indent, StringBuilder sb) {
        sb.append("if (").append(print(f.cond())).append(") {\n");
        block(f.then(), indent + "  ", sb);
        sb.append(indent).append('}');
        if (f.els().size() == 1 && f.els().get(0) instanceof If g) {
            sb.append(" else ");
            printIf(g, indent, sb);
            return;
        }
        if (!f.els().isEmpty()) {
            sb.append(" else {\n");
            block(f.els(), indent + "  ", sb);
            sb.append(indent).append('}');
        }
        sb.append('\n');
    }

    static String print(Method m, boolean differentiable, String indent) {
        return print(m, differentiable, SecondOrderOracle.ON, indent);
    }

    /** As {@link #print(Method, boolean, String)}; {@code order2} writes {@code order = 2}. */
    static String print(Method m, boolean differentiable, boolean order2, String indent) {
        StringBuilder sb = new StringBuilder();
        if (differentiable) {
            sb.append(indent).append("@Differentiable");
            List<String> members = new ArrayList<>();
            if (m.wrt().size() == 1) {
                members.add("wrt = \"" + m.wrt().get(0) + "\"");
            } else if (!m.wrt().isEmpty()) {
                members.add("wrt = {"
                        + String.join(
                                ", ", m.wrt().stream().map(w -> "\"" + w + "\"").toList()) + "}");
            }
            if (order2) members.add("order = 2");
            if (!members.isEmpty())
                sb.append('(').append(String.join(", ", members)).append(')');
            sb.append('\n');
        }
        sb.append(indent)
                .append("static double ")
                .append(Overloads.javaName(m.name()))
                .append('(');
        for (int i = 0; i < m.params().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(m.params().get(i).type().java)
                    .append(' ')
                    .append(m.params().get(i).name());
        }
        sb.append(") {\n");
        for (int k = 0; k < m.body().size(); k++) {
            StringBuilder one = new StringBuilder();
            print(m.body().get(k), indent + "  ", one);
            sb.append(
                    differentiable && !order2 && CheckpointMarks.marks(m.name(), m.body(), k)
                            ? CheckpointMarks.mark(one)
                            : one);
        }
        sb.append(indent).append("  return ").append(print(m.ret())).append(";\n");
        sb.append(indent).append("}\n");
        return sb.toString();
    }
}
