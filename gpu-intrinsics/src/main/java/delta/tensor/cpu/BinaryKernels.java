package delta.tensor.cpu;

import delta.tensor.BinaryOp;

/**
 * Unit-stride loops for the element-wise binary operations: arithmetic into the computing
 * type, predicates into bytes, one loop per op (the switch is taken once per row). With the
 * Vector API, add, sub, mul, div, maximum and minimum run in {@link VectorMath}: C2 (JDK 25)
 * does not auto-vectorize loops whose arrays may overlap at different offsets, which these
 * can. pow stays a Math.pow loop: the Vector API's POW measured 15x slower.
 */
final class BinaryKernels {
    private BinaryKernels() {
    }

    static void f32(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        if (Simd.AVAILABLE && VectorMath.binaryF32(op, a, ao, b, bo, y, yo, n)) {
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] / b[bo + i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (float) Math.pow(a[ao + i], b[bo + i]);
                }
            }
            case MAXIMUM -> {
                if (Simd.AVAILABLE) {
                    VectorMath.maxF32(a, ao, b, bo, y, yo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        y[yo + i] = Math.max(a[ao + i], b[bo + i]);
                    }
                }
            }
            case MINIMUM -> {
                if (Simd.AVAILABLE) {
                    VectorMath.minF32(a, ao, b, bo, y, yo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        y[yo + i] = Math.min(a[ao + i], b[bo + i]);
                    }
                }
            }
            case REMAINDER -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = BinaryOp.remainder(a[ao + i], b[bo + i]);
                }
            }
            case FLOOR_DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = BinaryOp.floorDivide(a[ao + i], b[bo + i]);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " has a bool result");
        }
    }

    static void f64(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] y, int yo, int n) {
        if (Simd.AVAILABLE && VectorMath.binaryF64(op, a, ao, b, bo, y, yo, n)) {
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = a[ao + i] / b[bo + i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = Math.pow(a[ao + i], b[bo + i]);
                }
            }
            case MAXIMUM -> {
                if (Simd.AVAILABLE) {
                    VectorMath.maxF64(a, ao, b, bo, y, yo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        y[yo + i] = Math.max(a[ao + i], b[bo + i]);
                    }
                }
            }
            case MINIMUM -> {
                if (Simd.AVAILABLE) {
                    VectorMath.minF64(a, ao, b, bo, y, yo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        y[yo + i] = Math.min(a[ao + i], b[bo + i]);
                    }
                }
            }
            case REMAINDER -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = BinaryOp.remainder(a[ao + i], b[bo + i]);
                }
            }
            case FLOOR_DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = BinaryOp.floorDivide(a[ao + i], b[bo + i]);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " has a bool result");
        }
    }

    static void predicateF32(BinaryOp op, float[] a, int ao, float[] b, int bo, byte[] y, int yo, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] == b[bo + i] ? 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != b[bo + i] ? 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] < b[bo + i] ? 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] <= b[bo + i] ? 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] > b[bo + i] ? 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] >= b[bo + i] ? 1 : 0);
                }
            }
            case AND -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != 0 && b[bo + i] != 0 ? 1 : 0);
                }
            }
            case OR -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != 0 || b[bo + i] != 0 ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " is not a predicate");
        }
    }

    static void predicateF64(BinaryOp op, double[] a, int ao, double[] b, int bo, byte[] y, int yo, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] == b[bo + i] ? 1 : 0);
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != b[bo + i] ? 1 : 0);
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] < b[bo + i] ? 1 : 0);
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] <= b[bo + i] ? 1 : 0);
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] > b[bo + i] ? 1 : 0);
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] >= b[bo + i] ? 1 : 0);
                }
            }
            case AND -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != 0 && b[bo + i] != 0 ? 1 : 0);
                }
            }
            case OR -> {
                for (int i = 0; i < n; i++) {
                    y[yo + i] = (byte) (a[ao + i] != 0 || b[bo + i] != 0 ? 1 : 0);
                }
            }
            default -> throw new IllegalArgumentException(op.label() + " is not a predicate");
        }
    }
}
