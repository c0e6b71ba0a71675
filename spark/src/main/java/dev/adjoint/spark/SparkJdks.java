package dev.adjoint.spark;

import java.util.Set;

/**
 * The Java versions the Spark this module builds against (4.2) supports: 17, 21 and 25, as its
 * documentation states. On others Spark may start and then fail in its reflective tricks, so
 * the tests skip themselves there and the main class warns.
 */
public final class SparkJdks {

    /** Feature releases Spark 4.2 supports. */
    public static final Set<Integer> SUPPORTED = Set.of(17, 21, 25);

    private SparkJdks() {}

    /** Whether this JVM is one Spark supports. */
    public static boolean thisOneIsSupported() {
        return SUPPORTED.contains(Runtime.version().feature());
    }

    /** Why this JVM is not supported, for a skipped test or a warning. */
    public static String whyNot() {
        return "Spark 4.2 supports Java 17, 21 and 25; this JVM is Java " + Runtime.version();
    }
}
