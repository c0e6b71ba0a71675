package dev.adjoint.processor.fuzz;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Constructs the generator can emit, each of which can be switched off with
 * {@code -Dadjoint.fuzz.exclude=NAME,NAME} (names of this enum, or of java.lang.Math functions such
 * as {@code fma}), e.g. to keep a known processor bug from hiding others.
 */
enum Feature {
  ARRAYS, MATRICES, INT_PARAMS, LOCALS, VAR, REASSIGN, COMPOUND, INCREMENT, BOOLEAN_LOCALS,
  /** {@code int k; k += <double expr>;} (implicit narrowing of compound assignment). */
  INT_COMPOUND_DOUBLE,
  /** Assignment to a parameter ({@code x = x * 2;}). */
  PARAM_ASSIGN,
  CASTS, LONG_CASTS, CONSTANTS, CONDITIONAL, STRICT_MATH, DIFF_CALLS, PLAIN_CALLS,
  /** {@code Math.abs/max/min} on ints. */
  INT_MATH_OVERLOADS,
  INT_DIVISION,
  /** {@code a % c} on doubles. */
  REMAINDER,
  /** {@code Math.pow(e, 2)} with an arbitrary-sign base and a whole-number literal exponent. */
  POW_WHOLE_EXPONENT;

  /** Excluded by default: none so far (add known-bug exclusions here, with the bug's name). */
  static final Set<Feature> DEFAULT_EXCLUDED = EnumSet.noneOf(Feature.class);

  /** Features and Math function names excluded by {@code adjoint.fuzz.exclude} plus the defaults. */
  static Set<String> excluded(String property) {
    Set<String> out = new HashSet<>();
    for (Feature f : DEFAULT_EXCLUDED) {
      out.add(f.name());
    }
    if (property != null) {
      for (String s : property.split(",")) {
        String t = s.trim();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("+")) {
          out.remove(t.substring(1).toUpperCase(Locale.ROOT));
          continue;
        }
        boolean isFeature = false;
        for (Feature f : values()) {
          if (f.name().equalsIgnoreCase(t)) {
            out.add(f.name());
            isFeature = true;
          }
        }
        if (!isFeature) {
          if (!MathFns.ARITY.containsKey(t)) {
            throw new IllegalArgumentException("unknown feature or function in adjoint.fuzz.exclude: " + t);
          }
          out.add(t);
        }
      }
    }
    return out;
  }
}
