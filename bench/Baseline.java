// The Java baselines for bench/run, in one file (run with the same JDK as Delta).
// bench/run compiles it with javac into a temporary folder, then runs (`java Baseline.java ...` works too):
//   java Baseline w0 N WARMUP RUNS   the W0 loop in plain Java, default JVM flags (C2): after WARMUP
//                                    untimed runs, prints "w0 <seconds> <sum>" for each of RUNS runs
//   java Baseline hello              prints "hi": the start-up baseline
public class Baseline {
    static double w0(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.sin(i) * i;
        return s;
    }

    public static void main(String[] args) {
        if (args[0].equals("hello")) {
            System.out.println("hi");
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
