package dev.adjoint.processor.emit;

import java.util.List;

/**
 * The lines of the user's source file, for the comment that heads each group of generated
 * statements with the line it comes from ({@code // line 12: double b = y - x * x;}).
 */
public final class SourceLines {
    /** Longer lines are cut in the comment. */
    private static final int MAX_TEXT = 100;

    /** No source at hand: no comments. */
    public static final SourceLines NONE = new SourceLines(List.of());

    private final List<String> lines;

    private SourceLines(List<String> lines) {
        this.lines = lines;
    }

    public static SourceLines of(CharSequence text) {
        return new SourceLines(text.toString().lines().toList());
    }

    /** The comment naming line {@code line} (counted from 1), or null when there is none to give. */
    String comment(int line) {
        if (line < 1 || line > lines.size()) return null;
        String text = lines.get(line - 1).strip();
        if (text.length() > MAX_TEXT) text = text.substring(0, MAX_TEXT) + " ...";
        // javac reads unicode escapes even in comments (a backslash, u, 000a would end this one): with every
        // backslash doubled, none starts an escape
        if (text.contains("\\u")) text = text.replace("\\", "\\\\");
        return text.isEmpty() ? null : "line " + line + ": " + text;
    }
}
