package dev.adjoint.processor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small, careful text utilities over Java source: comments, strings, method bodies, calls. */
public final class SourceText {
    private SourceText() {}

    /**
     * Replaces the contents of comments, string literals, text blocks and char literals with spaces
     * (keeping every offset and line break), so that regular expressions see only code.
     */
    public static String stripCommentsAndStrings(String src) {
        char[] out = src.toCharArray();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                out[i] = ' ';
                out[i + 1] = ' ';
                i += 2;
                while (i < n && !(src.charAt(i) == '*' && i + 1 < n && src.charAt(i + 1) == '/')) {
                    if (src.charAt(i) != '\n') {
                        out[i] = ' ';
                    }
                    i++;
                }
                if (i < n) {
                    out[i] = ' ';
                    out[i + 1] = ' ';
                    i += 2;
                }
            } else if (src.startsWith("\"\"\"", i)) {
                i += 3;
                while (i < n && !src.startsWith("\"\"\"", i)) {
                    if (src.charAt(i) == '\\') {
                        out[i++] = ' ';
                    }
                    if (i < n && src.charAt(i) != '\n') {
                        out[i] = ' ';
                    }
                    i++;
                }
                i += 3;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\' && i + 1 < n) {
                        out[i++] = ' ';
                    }
                    out[i++] = ' ';
                }
                i++;
            } else {
                i++;
            }
        }
        return new String(out);
    }

    /**
     * The bodies (text between the braces, comments and strings blanked) of every method named
     * {@code name} in {@code src} whose declared return type matches {@code returnTypeRegex}
     * (for example {@code "[\\w.]*Chain"} or {@code "(?:dev\\.adjoint\\.runtime\\.)?Dual"}).
     */
    public static List<String> methodBodies(String src, String returnTypeRegex, String name) {
        String code = stripCommentsAndStrings(src);
        Pattern header = Pattern.compile(
                "\\bstatic\\s+(?:final\\s+)?(" + returnTypeRegex + ")\\s+" + Pattern.quote(name) + "\\s*\\(");
        Matcher m = header.matcher(code);
        List<String> bodies = new ArrayList<>();
        while (m.find()) {
            int open = matching(code, m.end() - 1, '(', ')');
            int brace = open + 1;
            while (brace < code.length() && code.charAt(brace) != '{' && code.charAt(brace) != ';') {
                brace++;
            }
            if (brace >= code.length() || code.charAt(brace) == ';') {
                continue;
            }
            int close = matching(code, brace, '{', '}');
            bodies.add(code.substring(brace + 1, close));
        }
        return bodies;
    }

    /**
     * The body of the generated reverse-mode method {@code name} in {@code src} (the one returning
     * the record named after the method: {@code Sums.Outer outer(...)}), comments and strings
     * blanked; fails unless there is exactly one.
     */
    public static String reverseBody(String src, String name) {
        String record = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        List<String> bodies = methodBodies(src, "(?:[\\w.]*\\.)?" + record, name);
        if (bodies.size() != 1) {
            throw new AssertionError(bodies.size() + " reverse methods " + name + " in\n" + src);
        }
        return bodies.get(0);
    }

    /**
     * The whole text of each method named {@code name} in {@code src}, comments kept: the
     * annotation lines just above its header, the header and the body, joined by blank lines.
     * For golden files of single generated methods.
     */
    public static String methodTexts(String src, String name) {
        String code = stripCommentsAndStrings(src);
        Matcher m = Pattern.compile("\\bstatic\\s+[\\w.<>\\[\\]]+\\s+" + Pattern.quote(name) + "\\s*\\(")
                .matcher(code);
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            int start = code.lastIndexOf('\n', m.start()) + 1;
            while (start > 0) {
                int previous = code.lastIndexOf('\n', start - 2) + 1;
                if (!code.substring(previous, start).trim().startsWith("@")) break;
                start = previous;
            }
            int brace = code.indexOf('{', matching(code, m.end() - 1, '(', ')'));
            texts.add(src.substring(start, matching(code, brace, '{', '}') + 1));
        }
        if (texts.isEmpty()) throw new AssertionError("no method " + name + " in\n" + src);
        return String.join("\n\n", texts) + "\n";
    }

    /** The index of the bracket closing the one at {@code from}. */
    private static int matching(String code, int from, char open, char close) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced " + open + " at " + from);
    }

    /**
     * Counts calls of a method named {@code name} in {@code code} (already stripped): occurrences
     * of {@code name(} not preceded by an identifier character, qualified or not.
     */
    public static int countCalls(String code, String name) {
        Matcher m =
                Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "\\s*\\(").matcher(code);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    /** How many times {@code what} occurs in {@code text}, overlapping occurrences included. */
    public static int occurrences(String text, String what) {
        int c = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) c++;
        return c;
    }
}
