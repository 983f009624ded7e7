package delta.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C += A B} in f64 with the JDK Vector API, organised like GotoBLAS: A is packed into
 * MR x KC micro-panels, B into KC x NR micro-panels, and a register micro-kernel keeps an
 * MR x NR (8 x 2 vectors) block of C in 16 vector accumulators while it runs down one panel of
 * each, doing one broadcast of A and one fused multiply-add per vector. Loop order: a KC-deep
 * slice of A is packed once (MC rows), then for each NC-wide block of B (packed, in L2) every
 * A micro-panel (in L1) sweeps along the block, so C is written row-wise, which the hardware
 * prefetcher follows. Measured on this machine (AVX-512, n = 1024, one core): within 5% of
 * the micro-kernel alone, which is itself near the core's FMA peak.
 * 8 x 2 measured best among 2..8 rows x 1..4 vectors (about 68 GFLOP/s per core in f64).
 * Packing reads A and B through their strides, so transposed views cost nothing extra: full
 * panels are packed with vector copies, gathers for strided rows of A and for transposed B.
 * Loaded only when the jdk.incubator.vector module is present (see {@link Gemm}).
 */
final class GemmF64Vector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    static final int MR = 8;
    static final int NR = 2 * VL;
    /** Vectors of MR elements, for packing a transposed A row by row; null when wider than the preferred shape. */
    private static final VectorSpecies<Double> SA = MR * 64 <= S.vectorBitSize()
            ? VectorSpecies.of(double.class, VectorShape.forBitSize(MR * 64)) : null;
    /** Depth of a packed panel: a B micro-panel (KC x NR) fills about 32 KB of L1. */
    private static final int KC = 256;
    /** Rows of A packed at once (a block of up to 2 MB, read from L3 one MR x KC micro-panel at a time). */
    private static final int MC = 1024;
    /** Columns of B packed at once: KC x NC stays in L2 while every micro-panel of A passes over it. */
    private static final int NC = 256;

    private GemmF64Vector() {
    }

    /** The vector width in use, in bits. */
    static int bits() {
        return S.vectorBitSize();
    }

    /**
     * C[i][j] += sum_p A[i][p] B[p][j] for an m x n block, where A[i][p] is
     * {@code a[ao + i*ars + p*acs]}, B[p][j] is {@code b[bo + p*brs + j*bcs]} and C[i][j] is
     * {@code c[co + i*ldc + j]}.
     */
    static void gemm(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc) {
        gemm(m, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, false);
    }

    /**
     * As above; with {@code overwrite} C's block holds anything (an unzeroed new array) and
     * receives A B: the first slice of k stores its sums instead of adding them to C, which saves
     * zeroing C and then reading it back.
     */
    static void gemm(int m, int n, int k, double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
            double[] c, int co, int ldc, boolean overwrite) {
        // Equal slices of depth at most KC: k = 784 runs as 4 x 196 rather than 3 x 256 + 16, whose
        // last slice would reload and store all of C for a few multiply-adds.
        int slices = Math.max(1, (k + KC - 1) / KC);
        int kStep = Math.max(1, (k + slices - 1) / slices);
        PackBuffers buffers = PackBuffers.get();
        double[] ap = buffers.a64(Math.min(MC, roundUp(m, MR)) * kStep);
        double[] bp = buffers.b64(kStep * Math.min(NC, roundUp(n, NR)));
        double[] tile = null;
        for (int pc = 0; pc < k; pc += kStep) {
            int kc = Math.min(kStep, k - pc);
            boolean store = overwrite && pc == 0;
            for (int ic = 0; ic < m; ic += MC) {
                int mc = Math.min(MC, m - ic);
                packA(a, ao + ic * ars + pc * acs, ars, acs, mc, kc, ap);
                for (int jc = 0; jc < n; jc += NC) {
                    int nc = Math.min(NC, n - jc);
                    packB(b, bo + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        for (int jr = 0; jr < nc; jr += NR) {
                            int nr = Math.min(NR, nc - jr);
                            int cp = co + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, ap, ir * kc, bp, jr * kc, c, cp, ldc, store);
                            } else {
                                // An edge block: the full register block is stored into a scratch tile, of which
                                // the part inside C is then added (or, on an overwritten C's first slice, copied).
                                if (tile == null) {
                                    tile = new double[MR * NR];
                                }
                                kernel(kc, ap, ir * kc, bp, jr * kc, tile, 0, NR, true);
                                for (int i = 0; i < mr; i++) {
                                    for (int j = 0; j < nr; j++) {
                                        c[cp + i * ldc + j] = store ? tile[i * NR + j] : c[cp + i * ldc + j] + tile[i * NR + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Rows of A in panels of MR: panel r holds A[r*MR + i][p] at {@code r*MR*kc + p*MR + i};
     * missing rows are 0. The loops follow A's layout so that reads are sequential: along a
     * row for row-major A, across the MR rows for a transposed (column-major) view.
     */
    private static void packA(double[] a, int a0, int ars, int acs, int mc, int kc, double[] ap) {
        int[] idx = null;
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (rows < MR) {
                java.util.Arrays.fill(ap, base, base + MR * kc, 0);
            }
            if (rows == MR && VL % MR == 0 && (acs == 1 || ars != 1)) {
                // A full panel of strided rows: a gather reads MR rows at VL / MR depths at once,
                // several times faster than storing one element at a time.
                if (idx == null) {
                    idx = new int[VL];
                    for (int l = 0; l < VL; l++) {
                        idx[l] = (l % MR) * ars + (l / MR) * acs;
                    }
                }
                int step = VL / MR;
                int src = a0 + ir * ars;
                int p = 0;
                for (; p + step <= kc; p += step) {
                    DoubleVector.fromArray(S, a, src + p * acs, idx, 0).intoArray(ap, base + p * MR);
                }
                for (; p < kc; p++) {
                    for (int i = 0; i < MR; i++) {
                        ap[base + p * MR + i] = a[src + i * ars + p * acs];
                    }
                }
            } else if (acs == 1 || ars != 1) {
                for (int i = 0; i < rows; i++) {
                    int src = a0 + (ir + i) * ars;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + i] = a[src + p * acs];
                    }
                }
            } else if (rows == MR && SA != null) {
                for (int p = 0; p < kc; p++) {
                    DoubleVector.fromArray(SA, a, a0 + ir + p * acs).intoArray(ap, base + p * MR);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = a0 + ir + p * acs;
                    int dst = base + p * MR;
                    for (int i = 0; i < rows; i++) {
                        ap[dst + i] = a[src + i];
                    }
                }
            }
        }
    }

    /**
     * Columns of B in panels of NR: panel j holds B[p][j*NR + x] at {@code j*NR*kc + p*NR + x};
     * missing columns are 0. Row-major B is copied row piece by row piece; a transposed
     * (column-major) view is read down its columns.
     */
    private static void packB(double[] b, int b0, int brs, int bcs, int kc, int nc, double[] bp) {
        int[] idx = null;
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (cols < NR) {
                java.util.Arrays.fill(bp, base, base + NR * kc, 0);
            }
            if (bcs == 1 && cols == NR) {
                // Two vector copies per row: cheaper than an arraycopy call for NR elements.
                for (int p = 0; p < kc; p++) {
                    int src = b0 + p * brs + jr;
                    DoubleVector.fromArray(S, b, src).intoArray(bp, base + p * NR);
                    DoubleVector.fromArray(S, b, src + VL).intoArray(bp, base + p * NR + VL);
                }
            } else if (bcs == 1) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, b0 + p * brs + jr, bp, base + p * NR, cols);
                }
            } else if (cols == NR) {
                // A full panel of a transposed (or strided) view: two gathers per row of the panel.
                if (idx == null) {
                    idx = new int[VL];
                    for (int l = 0; l < VL; l++) {
                        idx[l] = l * bcs;
                    }
                }
                int src = b0 + jr * bcs;
                for (int p = 0; p < kc; p++) {
                    int s = src + p * brs;
                    DoubleVector.fromArray(S, b, s, idx, 0).intoArray(bp, base + p * NR);
                    DoubleVector.fromArray(S, b, s + VL * bcs, idx, 0).intoArray(bp, base + p * NR + VL);
                }
            } else if (brs == 1) {
                for (int j = 0; j < cols; j++) {
                    int src = b0 + (jr + j) * bcs;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = b0 + p * brs + jr * bcs;
                    for (int j = 0; j < cols; j++) {
                        bp[base + p * NR + j] = b[src + j * bcs];
                    }
                }
            }
        }
    }

    /**
     * The register block: C[0..MR)[0..NR) += Apanel * Bpanel (= with {@code store}) with the 16 accumulators in vector
     * registers. Written out by hand: C2 keeps vectors in registers only when no Vector object
     * escapes (a helper method taking vectors as arguments made this kernel 8x slower).
     */
    private static void kernel(int kc, double[] ap, int a0, double[] bp, int b0, double[] c, int c0, int ldc, boolean store) {
        // The first slice of an overwritten C starts from zero instead of C's contents.
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector c00 = store ? zero : DoubleVector.fromArray(S, c, c0);
        DoubleVector c01 = store ? zero : DoubleVector.fromArray(S, c, c0 + VL);
        DoubleVector c10 = store ? zero : DoubleVector.fromArray(S, c, c0 + ldc);
        DoubleVector c11 = store ? zero : DoubleVector.fromArray(S, c, c0 + ldc + VL);
        DoubleVector c20 = store ? zero : DoubleVector.fromArray(S, c, c0 + 2 * ldc);
        DoubleVector c21 = store ? zero : DoubleVector.fromArray(S, c, c0 + 2 * ldc + VL);
        DoubleVector c30 = store ? zero : DoubleVector.fromArray(S, c, c0 + 3 * ldc);
        DoubleVector c31 = store ? zero : DoubleVector.fromArray(S, c, c0 + 3 * ldc + VL);
        DoubleVector c40 = store ? zero : DoubleVector.fromArray(S, c, c0 + 4 * ldc);
        DoubleVector c41 = store ? zero : DoubleVector.fromArray(S, c, c0 + 4 * ldc + VL);
        DoubleVector c50 = store ? zero : DoubleVector.fromArray(S, c, c0 + 5 * ldc);
        DoubleVector c51 = store ? zero : DoubleVector.fromArray(S, c, c0 + 5 * ldc + VL);
        DoubleVector c60 = store ? zero : DoubleVector.fromArray(S, c, c0 + 6 * ldc);
        DoubleVector c61 = store ? zero : DoubleVector.fromArray(S, c, c0 + 6 * ldc + VL);
        DoubleVector c70 = store ? zero : DoubleVector.fromArray(S, c, c0 + 7 * ldc);
        DoubleVector c71 = store ? zero : DoubleVector.fromArray(S, c, c0 + 7 * ldc + VL);
        for (int p = 0; p < kc; p++) {
            int bi = b0 + p * NR;
            int ai = a0 + p * MR;
            DoubleVector b0v = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1v = DoubleVector.fromArray(S, bp, bi + VL);
            DoubleVector av;
            av = DoubleVector.broadcast(S, ap[ai + 0]);
            c00 = av.fma(b0v, c00);
            c01 = av.fma(b1v, c01);
            av = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = av.fma(b0v, c10);
            c11 = av.fma(b1v, c11);
            av = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = av.fma(b0v, c20);
            c21 = av.fma(b1v, c21);
            av = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = av.fma(b0v, c30);
            c31 = av.fma(b1v, c31);
            av = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = av.fma(b0v, c40);
            c41 = av.fma(b1v, c41);
            av = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = av.fma(b0v, c50);
            c51 = av.fma(b1v, c51);
            av = DoubleVector.broadcast(S, ap[ai + 6]);
            c60 = av.fma(b0v, c60);
            c61 = av.fma(b1v, c61);
            av = DoubleVector.broadcast(S, ap[ai + 7]);
            c70 = av.fma(b0v, c70);
            c71 = av.fma(b1v, c71);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + VL);
        c10.intoArray(c, c0 + ldc);
        c11.intoArray(c, c0 + ldc + VL);
        c20.intoArray(c, c0 + 2 * ldc);
        c21.intoArray(c, c0 + 2 * ldc + VL);
        c30.intoArray(c, c0 + 3 * ldc);
        c31.intoArray(c, c0 + 3 * ldc + VL);
        c40.intoArray(c, c0 + 4 * ldc);
        c41.intoArray(c, c0 + 4 * ldc + VL);
        c50.intoArray(c, c0 + 5 * ldc);
        c51.intoArray(c, c0 + 5 * ldc + VL);
        c60.intoArray(c, c0 + 6 * ldc);
        c61.intoArray(c, c0 + 6 * ldc + VL);
        c70.intoArray(c, c0 + 7 * ldc);
        c71.intoArray(c, c0 + 7 * ldc + VL);
    }
}
