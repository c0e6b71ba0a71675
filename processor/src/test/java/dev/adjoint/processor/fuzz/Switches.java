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
    record Statement(Expr selector, List<Group> groups, boolean arrow, Named named) implements Ast.Stmt {
        Statement {
            groups = List.copyOf(groups);
        }

        Statement(Expr selector, List<Group> groups, boolean arrow) {
            this(selector, groups, arrow, null);
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
            Named on = Named.of(named, selector);
            sb.append(indent)
                    .append("switch (")
                    .append(AstPrinter.print(selector))
                    .append(") {\n");
            String in = indent + "  ";
            for (Group g : groups) {
                if (arrow) {
                    sb.append(in).append(g.labels().isEmpty() ? "default" : "case " + joined(g.labels(), on));
                    sb.append(" -> {\n");
                    for (Ast.Stmt s : g.body()) AstPrinter.print(s, in + "  ", sb);
                    sb.append(in).append("}\n");
                    continue;
                }
                if (g.labels().isEmpty()) sb.append(in).append("default:\n");
                for (int label : g.labels())
                    sb.append(in).append("case ").append(Named.label(on, label)).append(":\n");
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
    record Expression(Expr selector, List<List<Integer>> labels, List<Expr> values, boolean colon, Named named)
            implements Expr {
        Expression {
            labels = List.copyOf(labels);
            values = List.copyOf(values);
        }

        Expression(Expr selector, List<List<Integer>> labels, List<Expr> values, boolean colon) {
            this(selector, labels, values, colon, null);
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
            Named on = Named.of(named, selector);
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
                            sb.append(" case ").append(Named.label(on, label)).append(':');
                    sb.append(" yield ").append(value).append(';');
                } else {
                    sb.append(dflt ? " default" : " case " + joined(labels.get(k), on));
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
            return new Expression(k.get(0), labels, k.subList(1, k.size()), colon, named);
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

    private static String joined(List<Integer> labels, Named on) {
        StringBuilder sb = new StringBuilder();
        for (int label : labels) sb.append(sb.length() == 0 ? "" : ", ").append(Named.label(on, label));
        return sb.toString();
    }

    /**
     * A switch on one of the String or enum fields every generated class declares ({@link
     * #FIELDS}), a constant of the methods (issue 16): its selector is {@link #selector()}, a
     * literal the analysis reads as the index of the field's value and the printer as the field's
     * name; int label {@code l} prints as {@code "s<l>"} or {@code P<l>}. The field's value is fixed,
     * the labels random, so that over many programs every kind of case is taken.
     */
    record Named(String field, boolean isEnum, int value) {
        static final List<Named> ALL = List.of(
                new Named("label0", false, 1),
                new Named("label1", false, 5),
                new Named("pick0", true, 2),
                new Named("pick1", true, 4));

        Expr selector() {
            return new Lit(Ast.T.INT, field, value);
        }

        /** {@code named} when the switch still selects on its field (the shrinker may have put another selector). */
        static Named of(Named named, Expr selector) {
            return named != null && selector instanceof Lit l && l.text().equals(named.field()) ? named : null;
        }

        static String label(Named on, int label) {
            if (on == null) return String.valueOf(label);
            return on.isEnum() ? "P" + label : "\"s" + label + "\"";
        }
    }

    /** The members every generated class declares for {@link Named} switches. */
    static final String FIELDS = "  enum Pick { P0, P1, P2, P3, P4, P5 }\n\n"
            + "  static String label0 = \"s1\";\n"
            + "  static String label1 = \"s5\";\n"
            + "  static Pick pick0 = Pick.P2;\n"
            + "  static Pick pick1 = Pick.P4;\n";

    /** A switch's selector: with {@link Feature#SELECTOR_SWITCH} on, now and then a String or enum field. */
    static Named named(java.util.Random r, java.util.Set<String> excluded) {
        if (excluded.contains(Feature.SELECTOR_SWITCH.name()) || r.nextInt(2) != 0) return null;
        return Named.ALL.get(r.nextInt(Named.ALL.size()));
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
