package delta.tensor;

/**
 * Where a tensor's storage lives. {@link #CPU} always exists; CUDA devices are numbered
 * ({@code cuda:0}) and are provided by the CUDA backend when one is present.
 */
public record Device(Kind kind, int index) {
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /** {@code cpu} or {@code cuda:N}, the spelling users write. */
    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }

    /** Parses {@code cpu}, {@code cuda} (device 0) and {@code cuda:N}. */
    public static Device parse(String s) {
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return cuda(0);
        }
        if (s.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "' (expected cpu, cuda or cuda:N)");
    }
}
