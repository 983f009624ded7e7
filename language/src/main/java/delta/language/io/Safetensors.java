package delta.language.io;

import static delta.language.io.IoSupport.error;
import static delta.language.io.IoSupport.quote;
import static delta.language.io.IoSupport.string;

import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.RecordShape;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorSupport;
import delta.tensor.Backend;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face's, read and written by PyTorch through the safetensors
 * package): an 8-byte little-endian header length, a JSON header mapping each tensor's name to its
 * dtype, shape and byte range, an optional {@code __metadata__} map of strings, then the raw
 * little-endian data. Nested records and lists are named like PyTorch's state_dict: the field and
 * index path joined with dots ({@code {w: t, layers: [{b: t}]}} gives {@code w} and
 * {@code layers.0.b}).
 */
final class Safetensors {
    private Safetensors() {}

    static List<Builtin> all() {
        return List.of(
            IoSupport.of("save_safetensors", 2, 3, "save_safetensors(params, path[, metadata])",
                "writes the tensors (and numbers) of a record or list of them, nested to any depth, to a .safetensors file, named by their dotted paths (\"layers.0.b\"); metadata is a record whose values are stored as strings. The file is written whole or not at all",
                (site, args) -> {
                    save(site, args);
                    return DeltaNone.INSTANCE;
                }),
            IoSupport.of("load_safetensors", 1, 2, "load_safetensors(path[, nested])",
                "the tensors of a .safetensors file: rebuilt as nested records and lists from their dotted names (a level whose names are all ints becomes a list, none where an index is missing), or, with nested false, a list of (name, tensor) pairs in file order",
                (site, args) -> load(site, string(site, args, 0), IoSupport.bool(site, args, 1, true))),
            IoSupport.of("safetensors_metadata", 1, 1, "safetensors_metadata(path)",
                "the __metadata__ of a .safetensors file as a record of strs ({} when it has none)",
                (site, args) -> metadata(site, string(site, args, 0))));
    }

    private static Backend backend() {
        return TensorSupport.defaultBackend();
    }

    // ---- writing ----

    private static void save(BuiltinRootNode site, Object[] args) {
        String path = string(site, args, 1);
        Object params = args[0];
        if (!(params instanceof DeltaRecord || params instanceof DeltaList || params instanceof DeltaTuple)) {
            throw IoSupport.wrongType(site, args, 0, "a record or list of tensors");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        flatten(site, params, "", tensors);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (IoSupport.given(args, 2)) {
            if (!(args[2] instanceof DeltaRecord record)) {
                throw IoSupport.wrongType(site, args, 2, "a record of metadata");
            }
            for (int i = 0; i < record.shape().size(); i++) {
                metadata.put(record.shape().name(i), Values.str(record.get(i)));
            }
        }
        IoSupport.writeAtomically(site, path, encode(tensors, metadata));
    }

    private static void flatten(BuiltinRootNode site, Object value, String name, Map<String, Tensor> out) {
        if (value instanceof DeltaRecord record) {
            for (int i = 0; i < record.shape().size(); i++) {
                flatten(site, record.get(i), join(name, record.shape().name(i)), out);
            }
        } else if (value instanceof DeltaList || value instanceof DeltaTuple) {
            Object[] items = value instanceof DeltaList list ? list.toArray() : ((DeltaTuple) value).items();
            for (int i = 0; i < items.length; i++) {
                flatten(site, items[i], join(name, Integer.toString(i)), out);
            }
        } else if (value == DeltaNone.INSTANCE) {
            // none (an absent bias, say) is not stored
        } else {
            Tensor t;
            if (value instanceof DeltaTensor dt) {
                t = dt.tensor();
            } else if (value instanceof Double d) {
                t = backend().full(Shape.SCALAR, DType.F64, d);
            } else if (value instanceof Long l) {
                t = backend().fromArray(new long[]{l}, Shape.SCALAR);
            } else if (value instanceof Boolean b) {
                t = backend().fromArray(new boolean[]{b}, Shape.SCALAR);
            } else {
                throw error(site, "cannot save " + Values.typeNameWithArticle(value) + " (at \"" + name
                                + "\"): the values must be tensors, numbers or bools in records, lists and tuples");
            }
            if (out.put(name, t) != null) {
                throw error(site, "two values would be saved under the same name \"" + name + "\"");
            }
        }
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case F32 -> "F32";
            case F64 -> "F64";
            case I64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append("\"__metadata__\":{");
            boolean first = true;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                header.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                first = false;
            }
            header.append('}');
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long begin = data.size();
            byte[] bytes = bytes(t);
            data.writeBytes(bytes);
            if (header.length() > 1) {
                header.append(',');
            }
            header.append(Json.quote(e.getKey())).append(":{\"dtype\":\"").append(code(t.dtype())).append("\",\"shape\":[");
            int[] dims = t.shape().dims();
            for (int i = 0; i < dims.length; i++) {
                header.append(i == 0 ? "" : ",").append(dims[i]);
            }
            header.append("],\"data_offsets\":[").append(begin).append(',').append(begin + bytes.length).append("]}");
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        // The header is padded with spaces so that the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(data.toByteArray());
        return out.array();
    }

    private static byte[] bytes(Tensor t) {
        int n = t.shape().size();
        ByteBuffer out = ByteBuffer.allocate(n * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        Backend backend = TensorSupport.backend(t);
        switch (t.dtype()) {
            case F32 -> out.asFloatBuffer().put(backend.toFloatArray(t));
            case F64 -> out.asDoubleBuffer().put(backend.toDoubleArray(t));
            case I64 -> out.asLongBuffer().put(backend.toLongArray(t));
            case BOOL -> {
                double[] values = backend.toDoubleArray(t);
                for (int i = 0; i < n; i++) {
                    out.put(i, (byte) (values[i] != 0 ? 1 : 0));
                }
            }
        }
        return out.array();
    }

    // ---- reading ----

    private record Entry(String name, String dtype, int[] shape, long begin, long end) {}

    private record Parsed(List<Entry> entries, Map<String, String> metadata, ByteBuffer data) {}

    private static Parsed parse(BuiltinRootNode site, String path) {
        byte[] bytes = IoSupport.readAll(site, path);
        String bad = quote(path) + " is not a safetensors file: ";
        if (bytes.length < 8) {
            throw error(site, bad + "it is shorter than its 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw error(site, bad + "its header length (" + headerLength + ") does not fit the file's " + bytes.length + " bytes");
        }
        Object json;
        try {
            json = Json.parse(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw error(site, bad + "its JSON header is malformed (" + e.getMessage() + ")");
        }
        if (!(json instanceof Map<?, ?> header)) {
            throw error(site, bad + "its JSON header is not an object");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) headerLength, bytes.length - 8 - (int) headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (e.getValue() instanceof Map<?, ?> meta) {
                    for (Map.Entry<?, ?> m : meta.entrySet()) {
                        metadata.put((String) m.getKey(), m.getValue() instanceof String s ? s : String.valueOf(m.getValue()));
                    }
                    continue;
                }
                throw error(site, bad + "its __metadata__ is not an object");
            }
            if (!(e.getValue() instanceof Map<?, ?> info) || !(info.get("dtype") instanceof String dtype) || !(info.get("shape") instanceof List<?> shape)
                            || !(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2 || !(offsets.get(0) instanceof Long begin)
                            || !(offsets.get(1) instanceof Long end)) {
                throw error(site, bad + "the entry of \"" + name + "\" lacks a dtype, shape or data_offsets");
            }
            int[] dims = new int[shape.size()];
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                if (!(shape.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                    throw error(site, bad + "the shape of \"" + name + "\" is not a list of sizes");
                }
                dims[i] = (int) (long) d;
                count *= d;
            }
            int width = width(dtype);
            if (width == 0) {
                throw error(site, "\"" + name + "\" in " + quote(path) + " has the dtype " + dtype
                                + ", which is not supported (F64, F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL are)");
            }
            if (begin < 0 || end < begin || end > data.capacity()) {
                throw error(site, bad + "the data of \"" + name + "\" (bytes " + begin + " to " + end + ") lies outside the file's " + data.capacity() + " bytes of data");
            }
            if (end - begin != count * width) {
                throw error(site, bad + "\"" + name + "\" has shape " + Shape.of(dims) + " of " + dtype + " (" + count * width + " bytes) but " + (end - begin) + " bytes of data");
            }
            entries.add(new Entry(name, dtype, dims, begin, end));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        return new Parsed(entries, metadata, data);
    }

    private static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    private static Tensor tensor(Entry e, ByteBuffer data) {
        ByteBuffer b = data.slice((int) e.begin, (int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
        Shape shape = Shape.of(e.shape);
        int n = shape.size();
        switch (e.dtype) {
            case "F64": {
                double[] out = new double[n];
                b.asDoubleBuffer().get(out);
                return backend().fromArray(out, shape, DType.F64);
            }
            case "F32": {
                float[] out = new float[n];
                b.asFloatBuffer().get(out);
                return backend().fromArray(out, shape);
            }
            case "F16":
            case "BF16": {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    short bits = b.getShort(2 * i);
                    out[i] = e.dtype.equals("F16") ? Float.float16ToFloat(bits) : Float.intBitsToFloat((bits & 0xffff) << 16);
                }
                return backend().fromArray(out, shape);
            }
            case "BOOL": {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0;
                }
                return backend().fromArray(out, shape);
            }
            default: {
                long[] out = new long[n];
                boolean unsigned = e.dtype.startsWith("U");
                for (int i = 0; i < n; i++) {
                    out[i] = switch (width(e.dtype)) {
                        case 1 -> unsigned ? b.get(i) & 0xffL : b.get(i);
                        case 2 -> unsigned ? b.getShort(2 * i) & 0xffffL : b.getShort(2 * i);
                        case 4 -> unsigned ? b.getInt(4 * i) & 0xffffffffL : b.getInt(4 * i);
                        default -> b.getLong(8 * i);
                    };
                }
                return backend().fromArray(out, shape);
            }
        }
    }

    private static Object load(BuiltinRootNode site, String path, boolean nested) {
        Parsed parsed = parse(site, path);
        if (!nested) {
            ArrayList<Object> pairs = new ArrayList<>();
            for (Entry e : parsed.entries) {
                pairs.add(new DeltaTuple(e.name, new DeltaTensor(tensor(e, parsed.data))));
            }
            return new DeltaList(pairs);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        for (Entry e : parsed.entries) {
            String[] parts = e.name.split("\\.", -1);
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map)) {
                    throw error(site, quote(path) + " holds both a tensor \"" + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                                    + "\" and tensors inside it (\"" + e.name + "\"); load it with nested false");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            String last = parts[parts.length - 1];
            if (node.containsKey(last)) {
                throw error(site, quote(path) + " holds both a tensor \"" + e.name + "\" and tensors inside it; load it with nested false");
            }
            node.put(last, new DeltaTensor(tensor(e, parsed.data)));
        }
        return build(root);
    }

    /**
     * A level whose names are all ints becomes a list, with none where an index is missing (the
     * ReLU at index 1 of a PyTorch Sequential has no parameters); any other level becomes a record.
     */
    private static Object build(Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        int n = map.size();
        boolean list = n > 0;
        int length = 0;
        for (Object key : map.keySet()) {
            String k = (String) key;
            if (!k.matches("0|[1-9][0-9]{0,6}") || Integer.parseInt(k) > 4 * n + 16) {
                list = false;
                break;
            }
            length = Math.max(length, Integer.parseInt(k) + 1);
        }
        if (list) {
            ArrayList<Object> items = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                Object child = map.get(Integer.toString(i));
                items.add(child == null ? DeltaNone.INSTANCE : build(child));
            }
            return new DeltaList(items);
        }
        List<String> names = new ArrayList<>();
        Object[] values = new Object[n];
        for (Map.Entry<?, ?> e : map.entrySet()) {
            values[names.size()] = build(e.getValue());
            names.add((String) e.getKey());
        }
        return new DeltaRecord(new RecordShape(names), values);
    }

    private static Object metadata(BuiltinRootNode site, String path) {
        Parsed parsed = parse(site, path);
        return new DeltaRecord(new RecordShape(new ArrayList<>(parsed.metadata.keySet())), parsed.metadata.values().toArray());
    }
}
