package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Binary;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.Lit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switch} in the generated programs: printed as a switch, and analysed as the if / ?:
 * chain it means (the {@link Analyzer} knows only those), which is what the processor's lowering
 * must agree with at run time.
 */
final class Switches {
    private Switches() {}

    /**
     * A case group: its int labels (none: {@code default}), its body, and whether it falls
     * through into the next group (colon form only; the body then completes normally).
     */
    record Group(List<Integer> labels, List<Ast.Stmt> body, boolean fallsThrough) {
        Group {
            labels = List.copyOf(labels);
            body = List.copyOf(body);
        }
    }

    /**
     * A switch statement on an int: colon form (each group's body in a block of its own, then
     * {@code break;} unless it falls through or cannot complete), or arrow form. Its bodies hold
     * no unlabelled break (which would leave the switch where the lowered if leaves a loop).
     */
    record Statement(Expr selector, List<Group> groups, boolean arrow) implements Ast.Stmt {
        Statement {
            groups = List.copyOf(groups);
        }

        /** The if / else if chain: a group's branch runs its body and the bodies it falls into. */
        Ast.If lowered() {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) if (!groups.get(i).labels().isEmpty()) order.add(i);
            int dflt = -1;
            for (int i = 0; i < groups.size(); i++) if (groups.get(i).labels().isEmpty()) dflt = i;
            List<Ast.Stmt> tail = dflt < 0 ? List.of() : reached(dflt);
            Ast.If chain = null;
            for (int k = order.size() - 1; k >= 0; k--) {
                int i = order.get(k);
                List<Ast.Stmt> els = chain == null ? tail : List.of(chain);
                chain = new Ast.If(matches(selector, groups.get(i).labels()), reached(i), els);
            }
            return chain != null ? chain : new Ast.If(new Lit(Ast.T.BOOLEAN, "true", 1), tail, List.of());
        }

        private List<Ast.Stmt> reached(int i) {
            List<Ast.Stmt> out = new ArrayList<>(groups.get(i).body());
            while (groups.get(i).fallsThrough() && i + 1 < groups.size())
                out.addAll(groups.get(++i).body());
            return out;
        }

        void print(String indent, StringBuilder sb) {
            sb.append(indent)
                    .append("switch (")
                    .append(AstPrinter.print(selector))
                    .append(") {\n");
            String in = indent + "  ";
            for (Group g : groups) {
                if (arrow) {
                    sb.append(in).append(g.labels().isEmpty() ? "default" : "case " + joined(g.labels()));
                    sb.append(" -> {\n");
                    for (Ast.Stmt s : g.body()) AstPrinter.print(s, in + "  ", sb);
                    sb.append(in).append("}\n");
                    continue;
                }
                if (g.labels().isEmpty()) sb.append(in).append("default:\n");
                for (int label : g.labels())
                    sb.append(in).append("case ").append(label).append(":\n");
                sb.append(in).append("  {\n");
                for (Ast.Stmt s : g.body()) AstPrinter.print(s, in + "    ", sb);
                sb.append(in).append("  }\n");
                if (!g.fallsThrough() && Switches.completes(g.body()))
                    sb.append(in).append("  break;\n");
            }
            sb.append(indent).append("}\n");
        }

        /** Whether javac sees this switch complete normally: no default, or some group breaks out. */
        boolean completes() {
            boolean dflt = false, breaks = false;
            for (Group g : groups) {
                dflt |= g.labels().isEmpty();
                breaks |= !g.fallsThrough() && Switches.completes(g.body());
            }
            return !dflt || breaks;
        }
    }

    /**
     * A switch expression on an int, printed in parentheses: arrow form {@code case 1, 2 -> v;} or
     * colon form {@code case 1: case 2: yield v;}. The last value is the default's.
     */
    record Expression(Expr selector, List<List<Integer>> labels, List<Expr> values, boolean colon) implements Expr {
        Expression {
            labels = List.copyOf(labels);
            values = List.copyOf(values);
        }

        /** {@code selector == a || selector == b ? v : (... : default)}. */
        Expr lowered() {
            Expr e = values.get(values.size() - 1);
            for (int k = labels.size() - 1; k >= 0; k--)
                e = new Cond(matches(selector, labels.get(k)), values.get(k), e);
            return e;
        }

        void print(StringBuilder sb) {
            sb.append('(');
            printBare(sb);
            sb.append(')');
        }

        private void printBare(StringBuilder sb) {
            sb.append("switch (").append(AstPrinter.print(selector)).append(") {");
            // "yield (" would read as a call of a method named yield: such values go in arrow form
            boolean colon = this.colon
                    && values.stream().noneMatch(v -> AstPrinter.print(v).startsWith("("));
            for (int k = 0; k < values.size(); k++) {
                boolean dflt = k == labels.size();
                // "yield (" would read as a call of a method named yield: a nested switch goes bare
                StringBuilder v = new StringBuilder();
                if (values.get(k) instanceof Expression inner) inner.printBare(v);
                else v.append(AstPrinter.print(values.get(k)));
                String value = v.toString();
                if (colon) {
                    if (dflt) sb.append(" default:");
                    else
                        for (int label : labels.get(k))
                            sb.append(" case ").append(label).append(':');
                    sb.append(" yield ").append(value).append(';');
                } else {
                    sb.append(dflt ? " default" : " case " + joined(labels.get(k)));
                    sb.append(" -> ").append(value).append(';');
                }
            }
            sb.append(" }");
        }

        /** The selector then the values: the children the shrinker and the traversals see. */
        List<Expr> children() {
            List<Expr> out = new ArrayList<>();
            out.add(selector);
            out.addAll(values);
            return out;
        }

        Expression withChildren(List<Expr> k) {
            return new Expression(k.get(0), labels, k.subList(1, k.size()), colon);
        }
    }

    private static Expr matches(Expr selector, List<Integer> labels) {
        Expr test = null;
        for (int label : labels) {
            Expr one = new Binary("==", selector, new Lit(Ast.T.INT, String.valueOf(label), label));
            test = test == null ? one : new Binary("||", test, one);
        }
        return test;
    }

    private static String joined(List<Integer> labels) {
        StringBuilder sb = new StringBuilder();
        for (int label : labels) sb.append(sb.length() == 0 ? "" : ", ").append(label);
        return sb.toString();
    }

    /** Whether javac sees {@code body} complete normally, for the shapes the generator makes. */
    static boolean completes(List<Ast.Stmt> body) {
        if (body.isEmpty()) return true;
        Ast.Stmt last = body.get(body.size() - 1);
        if (last instanceof Ast.Jump || last instanceof Ast.Return || last instanceof Ast.Throw) return false;
        if (last instanceof Ast.If f && !f.els().isEmpty()) return completes(f.then()) || completes(f.els());
        if (last instanceof Statement s) return s.completes();
        return true;
    }
}
