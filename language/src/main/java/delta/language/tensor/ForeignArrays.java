package delta.language.tensor;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import delta.language.runtime.Values;
import delta.tensor.TensorError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays of other languages as tensor input: anything with interop array elements (Java arrays
 * and lists the host access policy lets Delta see, JavaScript arrays and typed arrays, a polyglot
 * {@code ProxyArray}). Rows of numbers copy in one go where the source allows: a Java primitive
 * array directly, a JavaScript {@code Float64Array} or {@code Float32Array} through its
 * ArrayBuffer (the typed array itself is no interop buffer, only its {@code buffer} is).
 * Delta's own values (lists, tuples, tensors) are not foreign and never come here.
 */
final class ForeignArrays {
    private static final InteropLibrary INTEROP = InteropLibrary.getUncached();

    private ForeignArrays() {}

    static boolean isForeign(Object value) {
        return "foreign".equals(Values.typeName(value));
    }

    /** The length of a foreign array; -1 for anything else. */
    static long length(Object value) {
        if (!isForeign(value) || !INTEROP.hasArrayElements(value)) {
            return -1;
        }
        try {
            return INTEROP.getArraySize(value);
        } catch (UnsupportedMessageException e) {
            return -1;
        }
    }

    /** Element {@code index} as the other language gives it (a Java Float stays a Float). */
    static Object element(Object array, long index) {
        try {
            return INTEROP.readArrayElement(array, index);
        } catch (InteropException e) {
            throw new TensorError("tensor", "cannot read element " + index + " of " + Values.describe(array) + ": " + e.getMessage());
        }
    }

    /** A foreign number or boolean as a double, noting its kind; null for anything else. */
    static Double number(Object value, TensorFromValues.Kinds kinds) {
        if (value instanceof Float f) {
            kinds.f32 = true;
            return f.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            kinds.other = true;
            return ((Number) value).doubleValue();
        }
        try {
            if (INTEROP.isBoolean(value)) {
                kinds.bool = true;
                return INTEROP.asBoolean(value) ? 1.0 : 0.0;
            }
            if (INTEROP.isNumber(value)) {
                kinds.other = true;
                return INTEROP.fitsInDouble(value) ? INTEROP.asDouble(value) : (double) INTEROP.asLong(value);
            }
        } catch (UnsupportedMessageException e) {
            return null;
        }
        return null;
    }

    /** The qualified name of a foreign value's meta-object ("Float32Array" for a JavaScript one), or null. */
    private static String metaName(Object value) {
        try {
            return INTEROP.hasMetaObject(value) ? INTEROP.asString(INTEROP.getMetaQualifiedName(INTEROP.getMetaObject(value))) : null;
        } catch (UnsupportedMessageException e) {
            return null;
        }
    }

    /** A JavaScript Float32Array: its elements read as doubles, but they are 32-bit floats. */
    static boolean isSingleFloatArray(Object value) {
        return "Float32Array".equals(metaName(value));
    }

    /**
     * Copies a whole row of numbers into {@code flat} at {@code offset} when {@code value} is a Java
     * primitive array or a JavaScript Float64Array/Float32Array; false (nothing copied) otherwise.
     */
    static boolean copyRow(TruffleLanguage.Env env, Object value, double[] flat, int offset, TensorFromValues.Kinds kinds) {
        if (env.isHostObject(value)) {
            return copyHostArray(env.asHostObject(value), flat, offset, kinds);
        }
        String meta = metaName(value);
        int width = "Float64Array".equals(meta) ? 8 : "Float32Array".equals(meta) ? 4 : 0;
        if (width == 0) {
            return false;
        }
        try {
            // A typed array is a window (byteOffset, length) on an ArrayBuffer, which is an interop buffer.
            long n = INTEROP.getArraySize(value);
            Object buffer = INTEROP.readMember(value, "buffer");
            long byteOffset = INTEROP.asLong(INTEROP.readMember(value, "byteOffset"));
            if (!INTEROP.hasBufferElements(buffer) || n * width > Integer.MAX_VALUE) {
                return false;
            }
            byte[] bytes = new byte[(int) (n * width)];
            INTEROP.readBuffer(buffer, byteOffset, bytes, 0, bytes.length);
            ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            for (int i = 0; i < n; i++) {
                flat[offset + i] = width == 8 ? view.getDouble(i * 8) : view.getFloat(i * 4);
            }
            kinds.number(width == 4);
            return true;
        } catch (InteropException | RuntimeException e) {
            return false;
        }
    }

    private static boolean copyHostArray(Object host, double[] flat, int offset, TensorFromValues.Kinds kinds) {
        switch (host) {
            case double[] a -> {
                System.arraycopy(a, 0, flat, offset, a.length);
                kinds.other = true;
            }
            case float[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i];
                }
                kinds.f32 = true;
            }
            case long[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i];
                }
                kinds.other = true;
            }
            case int[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i];
                }
                kinds.other = true;
            }
            case short[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i];
                }
                kinds.other = true;
            }
            case byte[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i];
                }
                kinds.other = true;
            }
            case boolean[] a -> {
                for (int i = 0; i < a.length; i++) {
                    flat[offset + i] = a[i] ? 1 : 0;
                }
                kinds.bool = true;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Why a Java array is not a list to Delta: the context's host access policy hides its elements. */
    static String accessHint(TruffleLanguage.Env env, Object value) {
        if (isForeign(value) && env.isHostObject(value) && !INTEROP.hasArrayElements(value)) {
            Object host = env.asHostObject(value);
            if (host != null && (host.getClass().isArray() || host instanceof java.util.List<?>)) {
                return " (the context's host access policy hides the elements of Java arrays and lists; an embedder grants it with"
                                + " allowHostAccess(HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).allowListAccess(true).build()))";
            }
        }
        return "";
    }
}
