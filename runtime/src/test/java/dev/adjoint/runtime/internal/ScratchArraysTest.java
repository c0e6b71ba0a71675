package dev.adjoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The arrays generated reverse methods borrow for the adjoints of their local arrays. */
class ScratchArraysTest {
    @Test
    void anArrayGivenBackComesBackZeroedForTheSameLength() {
        ScratchArrays s = new ScratchArrays();
        int n = ScratchArrays.SMALL + 3;
        double[] a = s.zeros(n);
        assertArrayEquals(new double[n], a);
        a[1] = 7;
        s.giveBack(a);
        double[] other = s.zeros(n + 1);
        assertNotSame(a, other, "no array of length n + 1 was given back");
        double[] again = s.zeros(n);
        assertSame(a, again);
        assertArrayEquals(new double[n], again, "zeroed when borrowed again");
        assertEquals(0, s.kept());
    }

    @Test
    void twoBorrowedAtOnceAreDistinct() {
        ScratchArrays s = new ScratchArrays();
        int n = ScratchArrays.SMALL + 1;
        s.giveBack(new double[n]);
        double[] one = s.zeros(n), two = s.zeros(n);
        assertNotSame(one, two);
    }

    @Test
    void keepsAtMostKeptArrays() {
        ScratchArrays s = new ScratchArrays();
        for (int k = 0; k < ScratchArrays.KEPT + 10; k++) s.giveBack(new double[ScratchArrays.SMALL + k + 1]);
        assertEquals(ScratchArrays.KEPT, s.kept());
    }

    @Test
    void smallArraysAreAlwaysNewAndNeverKept() {
        ScratchArrays s = new ScratchArrays();
        double[] small = s.zeros(ScratchArrays.SMALL);
        small[0] = 3;
        s.giveBack(small);
        assertEquals(0, s.kept());
        double[] again = s.zeros(ScratchArrays.SMALL);
        assertNotSame(small, again);
        assertArrayEquals(new double[ScratchArrays.SMALL], again);
    }

    @Test
    void onePerThread() throws Exception {
        ScratchArrays mine = ScratchArrays.forThisThread();
        assertSame(mine, ScratchArrays.forThisThread());
        ScratchArrays[] theirs = new ScratchArrays[1];
        Thread t = new Thread(() -> theirs[0] = ScratchArrays.forThisThread());
        t.start();
        t.join();
        assertNotSame(mine, theirs[0]);
    }
}
