package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Checker.Failure;
import dev.adjoint.processor.fuzz.Checker.Kind;
import dev.adjoint.processor.testing.TestCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles generated sources with the processor through {@link TestCompiler}, turning failures into {@link Failure}s. */
final class Compile {
    private Compile() {}

    private static final Pattern ERROR = Pattern.compile("(?m)^ERROR (.+?):(-?\\d+):(-?\\d+): (.*)$");
    private static final Pattern ID = Pattern.compile("\\[Adjoint\\.\\w+\\]");

    /** The compiled classes, or the failure. */
    record Result(TestCompiler.Compiled compiled, Failure failure) {}

    static Result compile(String... sources) {
        try {
            return new Result(TestCompiler.compile(sources), null);
        } catch (AssertionError e) {
            return new Result(null, failure(e));
        } catch (RuntimeException e) {
            return new Result(
                    null,
                    new Failure(Kind.COMPILE, "compiler threw " + e.getClass().getSimpleName(), String.valueOf(e)));
        }
    }

    static Failure failure(AssertionError e) {
        String text = String.valueOf(e.getMessage());
        Matcher m = ERROR.matcher(text);
        List<String> errors = new ArrayList<>();
        String signature = null;
        StringBuilder context = new StringBuilder();
        while (m.find()) {
            String file = m.group(1);
            int line = Integer.parseInt(m.group(2));
            String msg = m.group(4);
            errors.add(m.group(0));
            if (signature == null) {
                Matcher id = ID.matcher(msg);
                if (id.find()) {
                    signature = id.group();
                } else if (file.contains("Grad")) {
                    signature = "javac error in generated code: " + generic(msg);
                    context.append(lines(text, file, line));
                } else {
                    signature = "javac error: " + generic(msg);
                }
            }
        }
        if (signature == null) {
            signature = "compilation failed without an error line";
            errors.add(text.length() > 2000 ? text.substring(0, 2000) : text);
        }
        return new Failure(
                Kind.COMPILE, signature, String.join("\n", errors) + (context.length() > 0 ? "\n" + context : ""));
    }

    /** The message with names and numbers removed, so that shrinking can keep "the same" error. */
    private static String generic(String msg) {
        String s = msg.replaceAll("'[^']*'", "'_'").replaceAll("\\b\\w*\\d\\w*\\b", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** Lines around {@code line} of the generated file {@code file} in TestCompiler's description. */
    private static String lines(String text, String file, int line) {
        int at = text.indexOf("--- " + file + " ---");
        if (at < 0) {
            return "";
        }
        String[] ls = text.substring(at).split("\n");
        StringBuilder sb = new StringBuilder("generated code near line " + line + ":\n");
        for (int i = 1; i < ls.length; i++) {
            String l = ls[i];
            if (l.startsWith("--- ")) {
                break;
            }
            String t = l.trim();
            int sp = t.indexOf(' ');
            if (sp > 0) {
                try {
                    int n = Integer.parseInt(t.substring(0, sp));
                    if (Math.abs(n - line) <= 3) {
                        sb.append(l).append('\n');
                    }
                } catch (NumberFormatException ignored) {
                    // not a numbered line
                }
            }
        }
        return sb.toString();
    }
}
