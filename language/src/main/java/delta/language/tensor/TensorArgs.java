package delta.language.tensor;

import com.oracle.truffle.api.CompilerDirectives;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.Values;
import delta.tensor.DType;
import delta.tensor.Shape;
import delta.tensor.Tensor;

/**
 * Argument reading for the tensor (and file) builtins, with messages that name the builtin and the argument.
 * Optional arguments are absent when the call leaves them out and {@code none} when a derivative
 * rule passes them on; both mean "the default".
 */
public final class TensorArgs {
    private TensorArgs() {}

    public static boolean given(Object[] args, int index) {
        return index < args.length && args[index] != null && args[index] != DeltaNone.INSTANCE;
    }

    /** The 0.0 that derivative code uses for "zero of any shape". */
    static boolean isSymbolicZero(Object value) {
        return value instanceof Double d && d == 0.0 || value instanceof Long l && l == 0;
    }

    static Tensor tensor(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof DeltaTensor t) {
            return t.tensor();
        }
        throw wrongType(site, args, index, "a tensor");
    }

    /** A tensor, or a number as a 0-d tensor of the floating type of {@code like} (f64 without one). */
    static Tensor tensorOrNumber(BuiltinRootNode site, Object[] args, int index, Tensor like) {
        Object value = args[index];
        if (value instanceof DeltaTensor t) {
            return t.tensor();
        }
        if (value instanceof Double || value instanceof Long || value instanceof Boolean) {
            return TensorSupport.operand(value, like, site.getName(), site);
        }
        throw wrongType(site, args, index, "a tensor or a number");
    }

    public static String string(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof String text) {
            return text;
        }
        throw wrongType(site, args, index, "a str");
    }

    public static double number(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof Double d) {
            return d;
        }
        if (args[index] instanceof Long l) {
            return l;
        }
        throw wrongType(site, args, index, "a number");
    }

    static int integer(BuiltinRootNode site, Object[] args, int index) {
        if (args[index] instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        throw wrongType(site, args, index, "an int");
    }

    static int integer(BuiltinRootNode site, Object[] args, int index, int otherwise) {
        return given(args, index) ? integer(site, args, index) : otherwise;
    }

    public static boolean bool(BuiltinRootNode site, Object[] args, int index, boolean otherwise) {
        if (!given(args, index)) {
            return otherwise;
        }
        if (args[index] instanceof Boolean b) {
            return b;
        }
        throw wrongType(site, args, index, "a bool");
    }

    static DType dtype(BuiltinRootNode site, Object[] args, int index, DType otherwise) {
        if (!given(args, index)) {
            return otherwise;
        }
        if (args[index] instanceof String s) {
            for (DType t : DType.values()) {
                if (t.label().equals(s)) {
                    return t;
                }
            }
        }
        throw wrongType(site, args, index, "a dtype (\"f64\", \"f32\", \"i64\" or \"bool\")");
    }

    /** A shape: a list or tuple of ints, or a single int for one axis. */
    static Shape shape(BuiltinRootNode site, Object[] args, int index) {
        int[] dims = ints(site, args, index, "a shape (a list of ints)");
        for (int d : dims) {
            if (d < 0) {
                throw error(site, "negative dimension in shape " + Values.display(args[index]));
            }
        }
        return Shape.of(dims);
    }

    /** A list or tuple of ints (or one int), such as a shape or a list of axes. */
    static int[] ints(BuiltinRootNode site, Object[] args, int index, String expected) {
        Object value = args[index];
        if (value instanceof Long) {
            return new int[]{integer(site, args, index)};
        }
        Object[] items = value instanceof DeltaList list ? list.toArray() : value instanceof DeltaTuple tuple ? tuple.items() : null;
        if (items == null) {
            throw wrongType(site, args, index, expected);
        }
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof Long l) || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
                throw wrongType(site, args, index, expected);
            }
            out[i] = (int) (long) l;
        }
        return out;
    }

    /** Axes to reduce over: none for all of them, an int, or a list of ints. */
    static int[] axes(BuiltinRootNode site, Object[] args, int index) {
        return given(args, index) ? ints(site, args, index, "an axis (an int or a list of ints)") : null;
    }

    public static DeltaError wrongType(BuiltinRootNode site, Object[] args, int index, String expected) {
        CompilerDirectives.transferToInterpreter();
        return DeltaError.at(site, site.getName() + "() expects " + expected + " as argument " + (index + 1) + ", got "
                        + Values.describe(args[index]));
    }

    public static DeltaError error(BuiltinRootNode site, String message) {
        CompilerDirectives.transferToInterpreter();
        return DeltaError.at(site, site.getName() + "(): " + message);
    }
}
