package dev.adjoint.samples.mlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Examples for classification: one feature vector a row of {@code x}, its class in {@code y}.
 *
 * @param name what to call it in output
 * @param x the features, one example a row
 * @param y the class of each example, {@code 0 ≤ y[e] < classes}
 * @param classes how many classes there are
 */
public record Dataset(String name, double[][] x, int[] y, int classes) {

    /** The digits file shipped with the sample (see {@code digits-CREDIT.md} next to it). */
    public static final String DIGITS_RESOURCE = "digits.csv.gz";

    public Dataset {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " examples but " + y.length + " labels");
        }
    }

    /** The number of examples. */
    public int size() {
        return x.length;
    }

    /** The number of features of each example. */
    public int features() {
        return x[0].length;
    }

    /**
     * The 1,797 handwritten digits of the UCI "Optical Recognition of Handwritten Digits" data
     * set (E. Alpaydin, C. Kaynak, 1998; CC BY 4.0): 8×8 images of pixel counts 0..16, here
     * divided by 16 so each feature is in [0, 1]. Ten classes, the digits 0–9.
     */
    public static Dataset digits() {
        try (InputStream raw = Dataset.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + DIGITS_RESOURCE + " not on the class path");
            }
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (fields.length != 65) {
                    throw new IllegalStateException("expected 65 fields, got " + fields.length + ": " + line);
                }
                double[] pixels = new double[64];
                for (int i = 0; i < 64; i++) {
                    pixels[i] = Double.parseDouble(fields[i]) / 16.0;
                }
                rows.add(pixels);
                labels.add((int) Double.parseDouble(fields[64]));
            }
            return new Dataset(
                    "digits",
                    rows.toArray(new double[0][]),
                    labels.stream().mapToInt(Integer::intValue).toArray(),
                    10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two interleaved spirals in the plane, the classic test of whether a network can learn a
     * boundary no straight line (nor a few) can draw. Class {@code c} lies on the arm {@code r =
     * t, θ = turns·2π·t + cπ} for {@code t} in (0, 1], with Gaussian noise of standard deviation
     * {@code noise} on each coordinate. Deterministic for a given seed.
     *
     * @param perClass examples of each class
     * @param turns how many times each arm winds around the origin
     * @param noise the standard deviation of the noise added to each coordinate
     * @param seed the random seed
     */
    public static Dataset spirals(int perClass, double turns, double noise, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[2 * perClass][];
        int[] y = new int[2 * perClass];
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < perClass; k++) {
                double t = (k + 1.0) / perClass;
                double angle = turns * 2 * Math.PI * t + c * Math.PI;
                int e = c * perClass + k;
                x[e] = new double[] {
                    t * Math.cos(angle) + noise * random.nextGaussian(),
                    t * Math.sin(angle) + noise * random.nextGaussian()
                };
                y[e] = c;
            }
        }
        return new Dataset("spirals", x, y, 2);
    }

    /** The default spirals: 300 points an arm, 1.5 turns, noise 0.02. */
    public static Dataset spirals(long seed) {
        return spirals(300, 1.5, 0.02, seed);
    }

    /** The examples at {@code indices}, in that order (rows are shared, not copied). */
    public Dataset subset(int[] indices) {
        double[][] sx = new double[indices.length][];
        int[] sy = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            sx[k] = x[indices[k]];
            sy[k] = y[indices[k]];
        }
        return new Dataset(name, sx, sy, classes);
    }

    /**
     * A random split into a training part and a held-out part of {@code heldOutFraction} of the
     * examples, stratified (each class split in that proportion), deterministic for a seed.
     */
    public Split split(double heldOutFraction, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int e = 0; e < y.length; e++) {
                if (y[e] == c) {
                    members.add(e);
                }
            }
            int[] order = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(order, random);
            int held = (int) Math.round(heldOutFraction * order.length);
            for (int k = 0; k < order.length; k++) {
                (k < held ? heldOut : train).add(order[k]);
            }
        }
        int[] trainIdx = train.stream().mapToInt(Integer::intValue).toArray();
        int[] heldIdx = heldOut.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(trainIdx);
        Arrays.sort(heldIdx);
        return new Split(subset(trainIdx), subset(heldIdx));
    }

    /** A training set and a held-out set that the training never sees. */
    public record Split(Dataset train, Dataset heldOut) {}

    /** Fisher–Yates, in place. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
