// The Java baselines for bench/run, in one file (run with the same JDK as Delta).
// bench/run compiles it with javac into a temporary folder, then runs (`java Baseline.java ...` works too):
//   java Baseline w0 N WARMUP RUNS   the W0 loop in plain Java, default JVM flags (C2): after WARMUP
//                                    untimed runs, prints "w0 <seconds> <sum>" for each of RUNS runs
//   java Baseline w1 WARMUP RUNS     W1 (the damped oscillator, 100,000 Euler steps, gradient with
//                                    respect to k and c): after WARMUP untimed rounds, RUNS timed
//                                    rounds, each printing "w1_fwd <seconds> <value>" (the forward
//                                    loop), "w1_adj <seconds> <value> <d/dk> <d/dc>" (the hand-written
//                                    adjoint loop) and "w1_dual ..." (hand-written forward mode)
//   java Baseline w4 WARMUP RUNS     W4 (Rosenbrock, n = 10,000, a scalar loop): after WARMUP untimed
//                                    rounds, RUNS timed rounds, each printing "w4_fwd <seconds> <value>"
//                                    (the function alone) and "w4_vg <seconds> <value> <sum of
//                                    gradient> <g[0]> <g[n-1]>" (value and hand-written gradient)
//   java Baseline hello              prints "hi": the start-up baseline
public class Baseline {
    static double w0(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.sin(i) * i;
        return s;
    }

    // W1: the damped oscillator, x'' = -k x - c x', explicit Euler, STEPS steps; f = x^2 + v^2.
    static final int STEPS = 100000;
    static final double DT = 0.001;

    static double w1Forward(double k, double c) {
        double x = 1.0, v = 0.0;
        for (int i = 0; i < STEPS; i++) {
            double a = -k * x - c * v;
            v = v + DT * a;
            x = x + DT * v;
        }
        return x * x + v * v;
    }

    /**
     * The hand-written reverse mode of w1Forward: the forward loop saves x and v before each step
     * (16 bytes a step, in two arrays allocated per call), the reverse loop runs the steps backwards.
     * Returns {value, d/dk, d/dc}.
     */
    static double[] w1Adjoint(double k, double c) {
        double[] xs = new double[STEPS], vs = new double[STEPS];
        double x = 1.0, v = 0.0;
        for (int i = 0; i < STEPS; i++) {
            xs[i] = x;
            vs[i] = v;
            double a = -k * x - c * v;
            v = v + DT * a;
            x = x + DT * v;
        }
        double value = x * x + v * v;
        double xBar = 2 * x, vBar = 2 * v, kBar = 0, cBar = 0;
        for (int i = STEPS - 1; i >= 0; i--) {
            // x' = x + DT * v'   (v' the new v)
            vBar += DT * xBar;
            // v' = v + DT * a
            double aBar = DT * vBar;
            // a = -k * x - c * v, at the old x and v
            x = xs[i];
            v = vs[i];
            kBar -= aBar * x;
            cBar -= aBar * v;
            xBar += aBar * -k;
            vBar -= aBar * c;
        }
        return new double[] {value, kBar, cBar};
    }

    /** Hand-written forward mode: each variable carries its derivatives along k and along c. */
    static double[] w1Dual(double k, double c) {
        double x = 1.0, xk = 0, xc = 0, v = 0.0, vk = 0, vc = 0;
        for (int i = 0; i < STEPS; i++) {
            double a = -k * x - c * v;
            double ak = -x - k * xk - c * vk;
            double ac = -k * xc - v - c * vc;
            v = v + DT * a;
            vk = vk + DT * ak;
            vc = vc + DT * ac;
            x = x + DT * v;
            xk = xk + DT * vk;
            xc = xc + DT * vc;
        }
        return new double[] {x * x + v * v, 2 * x * xk + 2 * v * vk, 2 * x * xc + 2 * v * vc};
    }

    // W4: Rosenbrock, f(x) = sum over i < n-1 of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2, and its
    // gradient, written by hand in one loop. Returns the value; the gradient goes into a new array.
    static double[] w4Gradient;

    static double w4Forward(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            s += 100 * t * t + u * u;
        }
        return s;
    }

    static double w4ValueAndGrad(double[] x) {
        int n = x.length;
        double[] g = new double[n];
        double s = 0;
        for (int i = 0; i < n - 1; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            s += 100 * t * t + u * u;
            g[i] += -400 * t * x[i] - 2 * u;
            g[i + 1] += 200 * t;
        }
        w4Gradient = g;
        return s;
    }

    static void w1(int warmup, int runs) {
        double sink = 0;
        for (int r = 0; r < warmup; r++) {
            sink += w1Forward(2.0, 0.5) + w1Adjoint(2.0, 0.5)[1] + w1Dual(2.0, 0.5)[1];
        }
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            double y = w1Forward(2.0, 0.5);
            long t1 = System.nanoTime();
            System.out.println("w1_fwd " + (t1 - t0) / 1e9 + " " + y);
            t0 = System.nanoTime();
            double[] g = w1Adjoint(2.0, 0.5);
            t1 = System.nanoTime();
            System.out.println("w1_adj " + (t1 - t0) / 1e9 + " " + g[0] + " " + g[1] + " " + g[2]);
            t0 = System.nanoTime();
            double[] d = w1Dual(2.0, 0.5);
            t1 = System.nanoTime();
            System.out.println("w1_dual " + (t1 - t0) / 1e9 + " " + d[0] + " " + d[1] + " " + d[2]);
            sink += y + g[1] + d[1];
        }
        if (sink == 42) System.out.println("(sink)");
    }

    static void w4(int warmup, int runs) {
        int n = 10000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.5 + 0.001 * i;
        double sink = 0;
        for (int r = 0; r < warmup; r++) sink += w4Forward(x) + w4ValueAndGrad(x) + w4Gradient[0];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            double y = w4Forward(x);
            long t1 = System.nanoTime();
            System.out.println("w4_fwd " + (t1 - t0) / 1e9 + " " + y);
            sink += y;
            t0 = System.nanoTime();
            double s = w4ValueAndGrad(x);
            double[] g = w4Gradient;
            t1 = System.nanoTime();
            double sum = 0;
            for (double gi : g) sum += gi;
            System.out.println("w4_vg " + (t1 - t0) / 1e9 + " " + s + " " + sum + " " + g[0] + " " + g[n - 1]);
            sink += s;
        }
        if (sink == 42) System.out.println("(sink)");
    }

    public static void main(String[] args) {
        if (args[0].equals("hello")) {
            System.out.println("hi");
            return;
        }
        if (args[0].equals("w1")) {
            w1(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        if (args[0].equals("w4")) {
            w4(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int n = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]), runs = Integer.parseInt(args[3]);
        double sink = 0;
        for (int r = 0; r < warmup; r++) sink += w0(n);
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            double s = w0(n);
            double t = (System.nanoTime() - t0) / 1e9;
            System.out.println("w0 " + t + " " + s);
            sink += s;
        }
        if (sink == 42) System.out.println("(sink)");
    }
}
