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
 * {@code return new double[] {x, (x) * (x)};} (the same control flow, early returns from loops
 * included), and {@code m} becomes a caller of it, {@code double[] r = mVector(...); return r[0]
 * + 0.5 * r[1];}. The checks of {@link Checker} on {@code m} (gradient against finite differences,
 * tangent against the gradient) then go through {@code mVectorVjp} with r̄ as its seed and
 * through {@code mVectorTangent}. A method that writes into an array parameter stays as it is: a
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
        if (writesArrayParameter(m) || returnsFromLoop(m.body(), false)) return Ast.print(m, true, indent);
        String vector = Ast.print(m.withName(m.name() + "Vector"), true, indent)
                .replace("static double " + m.name() + "Vector(", "static double[] " + m.name() + "Vector(");
        StringBuilder out = new StringBuilder();
        for (String line : vector.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("return ") && trimmed.endsWith(";")) {
                String x = trimmed.substring("return ".length(), trimmed.length() - 1);
                line = line.substring(0, line.indexOf("return ")) + "return new double[] {" + x + ", (" + x + ") * ("
                        + x + ")};";
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        String header = Ast.print(
                new Method(m.name(), m.params(), List.of(), new Ast.Lit(Ast.T.DOUBLE, "0", 0), m.wrt()), true, indent);
        String arguments = m.params().stream().map(Ast.Param::name).collect(Collectors.joining(", "));
        String call = indent + "  double[] " + RESULT + " = " + m.name() + "Vector(" + arguments + ");\n" + indent
                + "  return " + RESULT + "[0] + 0.5 * " + RESULT + "[1];\n";
        String caller = header.substring(0, header.lastIndexOf(indent + "  return ")) + call + indent + "}\n";
        return out + "\n" + caller;
    }

    /** A return inside a loop would carry the result array through the loop: {@code [Adjoint.Statement]}. */
    private static boolean returnsFromLoop(List<Stmt> block, boolean inLoop) {
        for (Stmt s : block) {
            if (s instanceof Ast.Return && inLoop) return true;
            boolean loop = s instanceof Ast.For || s instanceof Ast.ForEach || s instanceof Ast.While;
            for (List<Stmt> inner : Ast.blocks(s)) if (returnsFromLoop(inner, inLoop || loop)) return true;
        }
        return false;
    }

    private static boolean writesArrayParameter(Method m) {
        List<String> params = m.params().stream().map(Ast.Param::name).toList();
        List<Stmt> all = new ArrayList<>(m.body());
        for (int k = 0; k < all.size(); k++) {
            Stmt s = all.get(k);
            if (s instanceof ArrAssign a && params.contains(a.array())) return true;
            for (List<Stmt> block : Ast.blocks(s)) all.addAll(block);
        }
        return false;
    }
}
