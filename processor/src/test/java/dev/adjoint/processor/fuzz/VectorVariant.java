package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.ArrAssign;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Random programs with vector outputs ({@code -Dadjoint.fuzz.vector=true}): a generated method
 * {@code m} is printed as {@code double[] mVector(...)}, whose every {@code return x;} becomes
 * {@code return new double[] {x, (x) * (x), ...};} with {@link #outputs} components (the same
 * control flow, early returns from loops included), and {@code m} becomes a caller of it,
 * {@code double[] r = mVector(...); return r[0] + 0.5 * r[1] + ...;}. The checks of
 * {@link Checker} on {@code m} (gradient against finite differences, tangent against the gradient)
 * then go through {@code mVectorVjp} with r̄ as its seed and through {@code mVectorTangent}, and
 * {@link VectorJacobianCheck} checks {@code mVectorJacobian} directly; with {@code -Dadjoint.fuzz.order=2}
 * {@code m} carries {@code order = 2} and its Hessian goes through {@code mVectorVjpHvp}. A method that writes into an array parameter stays as it is: a
 * callee may not (CalleeWrites); so does one that returns from inside a loop.
 */
final class VectorVariant {
    static final String PROPERTY = "adjoint.fuzz.vector";
    private static final String RESULT = "vectorResult";

    private VectorVariant() {}

    static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** The source of {@code m} as its vector variant and the scalar method calling it, or {@code m} as is. */
    static String print(Method m, String indent) {
        if (!vectorised(m)) return AstPrinter.print(m, true, indent);
        int outputs = outputs(m);
        // the variant never carries order = 2 (a double[] method cannot); under order = 2 its caller does,
        // and goes through the variant's fVjpHvp
        String vector = AstPrinter.print(m.withName(m.name() + "Vector"), true, false, indent)
                .replace("static double " + m.name() + "Vector(", "static double[] " + m.name() + "Vector(");
        StringBuilder out = new StringBuilder();
        for (String line : vector.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("return ") && trimmed.endsWith(";")) {
                String x = trimmed.substring("return ".length(), trimmed.length() - 1);
                line = line.substring(0, line.indexOf("return ")) + "return new double[] {" + components(x, outputs)
                        + "};";
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        String header = AstPrinter.print(
                new Method(m.name(), m.params(), List.of(), new Ast.Lit(Ast.T.DOUBLE, "0", 0), m.wrt()), true, indent);
        String arguments = m.params().stream().map(Ast.Param::name).collect(Collectors.joining(", "));
        String call = indent + "  double[] " + RESULT + " = " + m.name() + "Vector(" + arguments + ");\n" + indent
                + "  return " + combination(outputs) + ";\n";
        String caller = header.substring(0, header.lastIndexOf(indent + "  return ")) + call + indent + "}\n";
        return out + "\n" + caller;
    }

    /** Whether {@code m} is printed as a vector variant and its caller. */
    static boolean vectorised(Method m) {
        return !writesArrayParameter(m) && !returnsFromLoop(m.body(), false);
    }

    /**
     * The output count m of {@code m}'s vector variant, from its name so that shrinking keeps it:
     * 1, 2, 3 or 6, so that the variants' Jacobians have fewer outputs than inputs (a backward
     * sweep per output) and more (a tangent pass per input) among the programs of one class.
     */
    static int outputs(Method m) {
        return new int[] {2, 1, 6, 3}[Math.floorMod(m.name().hashCode(), 4)];
    }

    /** The components of the returned array: x, x², then x·i - 1 and x³ alternately, all smooth. */
    private static String components(String x, int outputs) {
        StringBuilder out = new StringBuilder(x);
        for (int i = 1; i < outputs; i++) {
            out.append(", ");
            if (i == 1) out.append("(").append(x).append(") * (").append(x).append(")");
            else if (i % 2 == 0)
                out.append("(").append(x).append(") * ").append(i).append(" - 1");
            else
                out.append("(")
                        .append(x)
                        .append(") * (")
                        .append(x)
                        .append(") * (")
                        .append(x)
                        .append(")");
        }
        return out.toString();
    }

    /** What the scalar caller returns: r[0] + 0.5 r[1] + 0.25 (r[2] + ... ), the same for two outputs as before. */
    private static String combination(int outputs) {
        StringBuilder out = new StringBuilder(RESULT + "[0]");
        if (outputs > 1) out.append(" + 0.5 * ").append(RESULT).append("[1]");
        for (int i = 2; i < outputs; i++)
            out.append(" + 0.25 * ").append(RESULT).append("[").append(i).append("]");
        return out.toString();
    }

    /** A return inside a loop would carry the result array through the loop: {@code [Adjoint.Statement]}. */
    private static boolean returnsFromLoop(List<Stmt> block, boolean inLoop) {
        for (Stmt s : block) {
            if (s instanceof Ast.Return && inLoop) return true;
            boolean loop = s instanceof Ast.For || s instanceof Ast.ForEach || s instanceof Ast.While;
            for (List<Stmt> inner : AstWalk.blocks(s)) if (returnsFromLoop(inner, inLoop || loop)) return true;
        }
        return false;
    }

    private static boolean writesArrayParameter(Method m) {
        List<String> params = m.params().stream().map(Ast.Param::name).toList();
        List<Stmt> all = new ArrayList<>(m.body());
        for (int k = 0; k < all.size(); k++) {
            Stmt s = all.get(k);
            if (s instanceof ArrAssign a && params.contains(a.array())) return true;
            if (s instanceof Ast.Effect f && params.contains(AstWalk.written(f))) return true;
            for (List<Stmt> block : AstWalk.blocks(s)) all.addAll(block);
        }
        return false;
    }
}
