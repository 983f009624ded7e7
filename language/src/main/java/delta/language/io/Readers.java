package delta.language.io;

import static delta.language.io.IoSupport.error;
import static delta.language.io.IoSupport.given;
import static delta.language.io.IoSupport.quote;
import static delta.language.io.IoSupport.string;

import delta.language.DeltaLanguage;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.RecordShape;
import delta.language.runtime.StdlibSource;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorSupport;
import delta.tensor.Backend;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** read_csv, read_npy, read_idx, file_exists, and the bundled digits data set. */
final class Readers {
    private Readers() {}

    static List<Builtin> all() {
        return List.of(
            IoSupport.of("read_csv", 1, 2, "read_csv(path[, skip_header])",
                "a 2-D f64 tensor [rows, columns] of the numbers in a comma-separated file (gzip-compressed when the name ends in .gz); skip_header (false) skips the first line",
                (site, args) -> csv(site, string(site, args, 0), IoSupport.readAll(site, string(site, args, 0)), IoSupport.bool(site, args, 1, false))),
            IoSupport.of("read_npy", 1, 1, "read_npy(path)",
                "the array of a NumPy .npy file as a tensor: f4 -> f32, f8 -> f64, signed and unsigned ints -> i64, bool -> bool; C or Fortran order",
                (site, args) -> npy(site, string(site, args, 0), IoSupport.readAll(site, string(site, args, 0)))),
            IoSupport.of("read_idx", 1, 2, "read_idx(path[, dtype])",
                "the array of an IDX file (the format of MNIST; .gz read through gzip) as a tensor; integer data becomes f32 unless dtype says otherwise (\"f64\", \"i64\"); f32/f64 data keeps its type",
                (site, args) -> idx(site, string(site, args, 0), IoSupport.readAll(site, string(site, args, 0)), given(args, 1) ? dtype(site, args, 1) : null)),
            IoSupport.of("file_exists", 1, 1, "file_exists(path)", "whether a file or folder exists at path",
                (site, args) -> IoSupport.exists(site, string(site, args, 0))),
            IoSupport.of("load_digits", 0, 0, "load_digits()",
                "the bundled handwritten digits data set (UCI, as shipped by scikit-learn): {x: f64 tensor [1797, 64] of 8x8 images with pixels 0..16, y: i64 tensor [1797] of labels 0..9}",
                (site, args) -> digits(site)));
    }

    private static DType dtype(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof String s) {
            for (DType t : DType.values()) {
                if (t.label().equals(s)) {
                    return t;
                }
            }
        }
        throw IoSupport.wrongType(site, args, index, "a dtype (\"f64\", \"f32\", \"i64\" or \"bool\")");
    }

    private static Backend backend() {
        return TensorSupport.defaultBackend();
    }

    // ---- CSV ----

    static Tensor csv(BuiltinRootNode site, String name, byte[] bytes, boolean skipHeader) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        int lineNumber = 0;
        int start = 0;
        boolean header = skipHeader;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNumber++;
            String line = text.substring(start, end);
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (header) {
                header = false;
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (columns < 0) {
                columns = fields.length;
            } else if (fields.length != columns) {
                throw error(site, quote(name) + " line " + lineNumber + " has " + fields.length + " fields, the lines above have " + columns);
            }
            double[] row = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                row[i] = parseNumber(site, name, lineNumber, i, fields[i], rows.isEmpty() && !skipHeader);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw error(site, quote(name) + " holds no rows of numbers");
        }
        double[] data = new double[rows.size() * columns];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * columns, columns);
        }
        return backend().fromArray(data, Shape.of(rows.size(), columns), DType.F64);
    }

    private static double parseNumber(BuiltinRootNode site, String name, int line, int field, String text, boolean firstRow) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            if (!t.isEmpty() && (Character.isDigit(t.charAt(t.length() - 1)) || t.charAt(t.length() - 1) == '.')) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String what = t.isEmpty() ? "an empty field" : "\"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        throw error(site, quote(name) + " line " + line + ", field " + (field + 1) + ": " + what + " is not a number"
                        + (firstRow ? " (if the first line is a header, pass true as read_csv's second argument to skip it)" : ""));
    }

    // ---- the bundled digits ----

    private static Object digits(BuiltinRootNode site) {
        byte[] bytes = bundled(site, "digits.csv.gz");
        Tensor table = csv(site, "digits.csv.gz", bytes, false);
        double[] all = backend().toDoubleArray(table);
        int n = table.shape().dim(0);
        int width = table.shape().dim(1);
        double[] x = new double[n * (width - 1)];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, i * width, x, i * (width - 1), width - 1);
            y[i] = (long) all[i * width + width - 1];
        }
        return new DeltaRecord(new RecordShape(List.of("x", "y")),
                        new Object[]{new DeltaTensor(backend().fromArray(x, Shape.of(n, width - 1), DType.F64)), new DeltaTensor(backend().fromArray(y, Shape.of(n)))});
    }

    /** A data file shipped with the standard library; needs no file access. */
    static byte[] bundled(BuiltinRootNode site, String fileName) {
        ModuleLayer layer = DeltaLanguage.class.getModule().getLayer();
        Iterable<StdlibSource> providers = layer != null ? ServiceLoader.load(layer, StdlibSource.class)
                        : ServiceLoader.load(StdlibSource.class, DeltaLanguage.class.getClassLoader());
        for (StdlibSource library : providers) {
            try (InputStream in = library.openData(fileName)) {
                if (in != null) {
                    byte[] bytes = in.readAllBytes();
                    return fileName.endsWith(".gz") ? IoSupport.gunzip(bytes) : bytes;
                }
            } catch (IOException e) {
                throw error(site, "cannot read the bundled data file " + quote(fileName) + ": " + IoSupport.describe(e));
            }
        }
        throw error(site, "the standard library's data file " + quote(fileName) + " is missing (is the delta-stdlib module on the module path?)");
    }

    // ---- NumPy .npy ----

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static Tensor npy(BuiltinRootNode site, String name, byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw error(site, quote(name) + " is not a NumPy .npy file (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw error(site, quote(name) + " ends inside its header");
            }
            headerLength = in.getInt(8);
            headerStart = 12;
        } else {
            throw error(site, quote(name) + " is a .npy file of version " + major + "." + (bytes[7] & 0xff) + ", which is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw error(site, quote(name) + " ends inside its header");
        }
        String header = new String(bytes, headerStart, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw error(site, quote(name) + " has a malformed .npy header: " + header.strip());
        }
        int[] dims;
        try {
            dims = java.util.Arrays.stream(shapeMatch.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw error(site, quote(name) + " has a malformed shape in its header: (" + shapeMatch.group(1) + ")");
        }
        String type = descr.group(1);
        if (type.length() < 3) {
            throw error(site, quote(name) + " has an unsupported dtype '" + type + "'");
        }
        char order = type.charAt(0);
        char kind = type.charAt(1);
        int width;
        try {
            width = Integer.parseInt(type.substring(2));
        } catch (NumberFormatException e) {
            throw error(site, quote(name) + " has an unsupported dtype '" + type + "' (supported: f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, b1)");
        }
        boolean supported = switch (kind) {
            case 'f' -> width == 4 || width == 8;
            case 'i', 'u' -> width == 1 || width == 2 || width == 4 || width == 8;
            case 'b' -> width == 1;
            default -> false;
        };
        if (!supported || "<>|=".indexOf(order) < 0) {
            throw error(site, quote(name) + " has an unsupported dtype '" + type + "' (supported: f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, b1)");
        }
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        int dataStart = headerStart + headerLength;
        long needed = count * width;
        if (bytes.length - dataStart < needed) {
            throw error(site, quote(name) + " is truncated: its header announces " + needed + " bytes of data (shape " + Shape.of(dims) + ", '" + type + "'), the file holds "
                            + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return fromBuffer(data, kind, width, dims, fortran.group(1).equals("True"), null);
    }

    /**
     * A tensor of the elements in {@code data} ({@code kind} f, i, u or b, {@code width} bytes each),
     * in row-major order unless {@code columnMajor}. {@code target} overrides the dtype (null: f32/f64
     * keep theirs, ints become i64, bools bool).
     */
    private static Tensor fromBuffer(ByteBuffer data, char kind, int width, int[] dims, boolean columnMajor, DType target) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        int[] order = columnMajor ? fortranToC(dims) : null;
        DType dtype = target != null ? target : kind == 'f' ? (width == 4 ? DType.F32 : DType.F64) : kind == 'b' ? DType.BOOL : DType.I64;
        Shape shape = Shape.of(dims);
        switch (dtype) {
            case F32 -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[order == null ? i : order[i]] = (float) element(data, i, kind, width);
                }
                return backend().fromArray(out, shape);
            }
            case F64 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[order == null ? i : order[i]] = element(data, i, kind, width);
                }
                return backend().fromArray(out, shape, DType.F64);
            }
            case I64 -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[order == null ? i : order[i]] = kind == 'f' ? (long) element(data, i, kind, width) : integer(data, i, kind, width);
                }
                return backend().fromArray(out, shape);
            }
            default -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[order == null ? i : order[i]] = element(data, i, kind, width) != 0;
                }
                return backend().fromArray(out, shape);
            }
        }
    }

    private static double element(ByteBuffer data, int i, char kind, int width) {
        if (kind == 'f') {
            return width == 4 ? data.getFloat(i * 4) : data.getDouble(i * 8);
        }
        return integer(data, i, kind, width);
    }

    private static long integer(ByteBuffer data, int i, char kind, int width) {
        boolean unsigned = kind == 'u' || kind == 'b';
        return switch (width) {
            case 1 -> unsigned ? data.get(i) & 0xffL : data.get(i);
            case 2 -> unsigned ? data.getShort(i * 2) & 0xffffL : data.getShort(i * 2);
            case 4 -> unsigned ? data.getInt(i * 4) & 0xffffffffL : data.getInt(i * 4);
            default -> data.getLong(i * 8);
        };
    }

    /** For each element in column-major order, its position in row-major order. */
    private static int[] fortranToC(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        int[] cStrides = Shape.of(dims).strides();
        int[] out = new int[n];
        int[] index = new int[dims.length];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int a = 0; a < dims.length; a++) {
                c += index[a] * cStrides[a];
            }
            out[i] = c;
            // Column-major: the first axis varies fastest.
            for (int a = 0; a < dims.length; a++) {
                if (++index[a] < dims[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        return out;
    }

    // ---- IDX (MNIST) ----

    static Tensor idx(BuiltinRootNode site, String name, byte[] bytes, DType target) {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw error(site, quote(name) + " is not an IDX file (it does not start with two zero bytes)"
                            + (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b ? "; it looks gzip-compressed: name it .gz" : ""));
        }
        int code = bytes[2] & 0xff;
        int rank = bytes[3] & 0xff;
        char kind;
        int width;
        switch (code) {
            case 0x08 -> { kind = 'u'; width = 1; }
            case 0x09 -> { kind = 'i'; width = 1; }
            case 0x0B -> { kind = 'i'; width = 2; }
            case 0x0C -> { kind = 'i'; width = 4; }
            case 0x0D -> { kind = 'f'; width = 4; }
            case 0x0E -> { kind = 'f'; width = 8; }
            default -> throw error(site, quote(name) + " is not an IDX file (unknown type code 0x" + Integer.toHexString(code) + ")");
        }
        if (bytes.length < 4 + 4 * rank) {
            throw error(site, quote(name) + " ends inside its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        long count = 1;
        for (int a = 0; a < rank; a++) {
            dims[a] = in.getInt(4 + 4 * a);
            if (dims[a] < 0) {
                throw error(site, quote(name) + " has a negative dimension in its header");
            }
            count *= dims[a];
        }
        int dataStart = 4 + 4 * rank;
        long needed = count * width;
        if (needed > Integer.MAX_VALUE || bytes.length - dataStart < needed) {
            throw error(site, quote(name) + " is truncated: its header announces " + needed + " bytes of data (shape " + Shape.of(dims) + "), the file holds " + (bytes.length - dataStart));
        }
        DType dtype = target != null ? target : kind == 'f' && width == 8 ? DType.F64 : DType.F32;
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(ByteOrder.BIG_ENDIAN);
        return fromBuffer(data, kind, width, dims, false, dtype);
    }
}
