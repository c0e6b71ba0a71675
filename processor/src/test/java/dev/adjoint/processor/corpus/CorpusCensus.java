package dev.adjoint.processor.corpus;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * What a corpus method's declaration and body contain, read from the source alone, whatever the
 * processor reports. The processor stops at a declaration error (an instance method, an overload)
 * before it reads the body, so its ids alone hide what the body would hit next; this census
 * counts the constructs issue 16 names in every method. It reads names, not types: a call
 * {@code Name.m(..)} whose qualifier starts with a capital is taken for a static call of class
 * {@code Name}.
 */
final class CorpusCensus {

    private CorpusCensus() {}

    static Set<String> of(MethodTree method, ClassTree owner) {
        Set<String> privateStatic = new HashSet<>();
        Set<String> privateInstance = new HashSet<>();
        int sameName = 0;
        for (Tree member : owner.getMembers()) {
            Set<Modifier> flags = member instanceof MethodTree m
                    ? m.getModifiers().getFlags()
                    : member instanceof VariableTree v ? v.getModifiers().getFlags() : Set.of();
            String name = member instanceof MethodTree m
                    ? m.getName().toString()
                    : member instanceof VariableTree v ? v.getName().toString() : null;
            if (member instanceof MethodTree m && m.getName().contentEquals(method.getName())) {
                sameName++;
            }
            if (flags.contains(Modifier.PRIVATE)) {
                (flags.contains(Modifier.STATIC) ? privateStatic : privateInstance).add(name);
            }
        }
        Set<String> found = new TreeSet<>();
        if (!method.getModifiers().getFlags().contains(Modifier.STATIC)) {
            found.add("instance method");
        }
        if (sameName > 1) {
            found.add("another method of the same name in its class");
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitThrow(ThrowTree tree, Void unused) {
                found.add("throw");
                return super.visitThrow(tree, unused);
            }

            @Override
            public Void visitSwitch(SwitchTree tree, Void unused) {
                found.add("switch");
                return super.visitSwitch(tree, unused);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
                if (tree.getMethodSelect() instanceof MemberSelectTree select
                        && select.getExpression() instanceof IdentifierTree qualifier
                        && Character.isUpperCase(qualifier.getName().charAt(0))) {
                    String owner = qualifier.getName().toString();
                    if (owner.equals("FastMath")) {
                        found.add("FastMath.*");
                    } else if (owner.equals("Double")) {
                        found.add("Double." + select.getIdentifier());
                    } else if (!owner.equals("Math")) {
                        found.add("call of a static method of another class");
                    }
                }
                return super.visitMethodInvocation(tree, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                String name = tree.getName().toString();
                if (privateStatic.contains(name)) {
                    found.add("private static constant, table or helper of its class");
                } else if (privateInstance.contains(name)) {
                    found.add("private instance field or method of its class");
                }
                return super.visitIdentifier(tree, unused);
            }
        }.scan(method.getBody(), null);
        return found;
    }
}
