package delta.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import java.math.BigDecimal;

/** What every part of the runtime needs to know about values: type names, printing, equality. */
public final class Values {
    private Values() {}

    /** The name {@code type(x)} returns, also used in error messages. */
    @TruffleBoundary
    public static String typeName(Object value) {
        if (value instanceof Long) {
            return "int";
        } else if (value instanceof Double) {
            return "float";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof String) {
            return "str";
        } else if (value == DeltaNone.INSTANCE) {
            return "none";
        } else if (value instanceof DeltaList) {
            return "list";
        } else if (value instanceof DeltaTuple) {
            return "tuple";
        } else if (value instanceof DeltaRecord) {
            return "record";
        } else if (value instanceof DeltaFunction || value instanceof delta.language.ad.DerivedFunction
                        || value instanceof delta.language.ad.DifferentiableClosure || value instanceof delta.language.ad.HessianFunction
                        || value instanceof delta.language.ad.UserPullback) {
            return "function";
        } else if (value instanceof DeltaRange) {
            return "range";
        } else if (value instanceof DeltaModule) {
            return "module";
        } else if (value instanceof delta.language.tensor.DeltaTensor) {
            return "tensor";
        }
        return "foreign";
    }

    /** The type name with its article, for messages: "an int", "a list". */
    @TruffleBoundary
    public static String typeNameWithArticle(Object value) {
        String name = typeName(value);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** A value as error messages show it: its type, then its literal ("int 5"), or just "none". */
    @TruffleBoundary
    public static String describe(Object value) {
        return value == DeltaNone.INSTANCE ? "none" : typeName(value) + " " + display(value);
    }

    /** How {@code print} and {@code str} show a value: strings bare, everything else as its literal. */
    @TruffleBoundary
    public static String str(Object value) {
        return value instanceof String s ? s : display(value);
    }

    /** A value as source-like text: strings quoted, as inside a list. */
    @TruffleBoundary
    public static String display(Object value) {
        StringBuilder out = new StringBuilder();
        display(value, out, 0);
        return out.toString();
    }

    /** Past this many characters the rest is elided: a list that contains itself twice is exponentially large. */
    private static final int DISPLAY_LIMIT = 1_000_000;

    private static void display(Object value, StringBuilder out, int depth) {
        if (depth > 64 || out.length() > DISPLAY_LIMIT) {
            out.append("...");
            return;
        }
        if (value instanceof Double d) {
            out.append(formatDouble(d));
        } else if (value instanceof String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")).append('"');
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof DeltaList list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                display(list.get(i), out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof DeltaTuple tuple) {
            out.append('(');
            for (int i = 0; i < tuple.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                display(tuple.get(i), out, depth + 1);
            }
            out.append(tuple.size() == 1 ? ",)" : ")");
        } else if (value instanceof DeltaRecord record) {
            out.append('{');
            for (int i = 0; i < record.shape().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                String field = record.shape().name(i);
                // A name that is not a plain identifier prints quoted, as it must be written in a literal.
                if (field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.append(field);
                } else {
                    display(field, out, depth + 1);
                }
                out.append(": ");
                display(record.get(i), out, depth + 1);
            }
            out.append('}');
        } else if (value == null) {
            out.append("<uninitialized>");
        } else if (isDeltaValue(value)) {
            out.append(value);
        } else {
            out.append(foreignDisplay(value));
        }
    }

    private static boolean isDeltaValue(Object value) {
        return value instanceof Long || value == DeltaNone.INSTANCE || value instanceof DeltaFunction
                        || value instanceof DeltaRange || value instanceof DeltaModule || value instanceof delta.language.tensor.DeltaTensor;
    }

    private static String foreignDisplay(Object value) {
        try {
            return InteropLibrary.getUncached().asString(InteropLibrary.getUncached().toDisplayString(value));
        } catch (UnsupportedMessageException e) {
            return "<foreign>";
        }
    }

    /**
     * Floats print as Python prints them: the shortest text that reads back to the same double, with
     * a ".0" on integral values and exponent notation only for very large or small magnitudes.
     */
    @TruffleBoundary
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        } else if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = d < 0 ? "-" : "";
            String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
            return sign + mantissa + "e" + exp;
        }
        String plain = shortest.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Structural equality, as {@code ==}: numbers by value across int and float, containers element-wise. */
    @TruffleBoundary
    public static boolean equal(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a instanceof DeltaList x && b instanceof DeltaList y) {
            return sameItems(x.toArray(), y.toArray());
        }
        if (a instanceof DeltaTuple x && b instanceof DeltaTuple y) {
            return sameItems(x.items(), y.items());
        }
        if (a instanceof DeltaRecord x && b instanceof DeltaRecord y) {
            if (x.shape().size() != y.shape().size()) {
                return false;
            }
            for (int i = 0; i < x.shape().size(); i++) {
                int j = y.shape().indexOf(x.shape().name(i));
                if (j < 0 || !equal(x.get(i), y.get(j))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DeltaRange x && b instanceof DeltaRange y) {
            // As in Python, ranges are equal when they hold the same numbers: range(0) == range(5, 5).
            long n = x.size();
            return n == y.size() && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)));
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }

    private static boolean sameItems(Object[] x, Object[] y) {
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!equal(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A foreign array (a Java array or List, a JavaScript array) as a tuple of Delta values, or null
     * when the value is not a foreign array. {@code for} walks this snapshot of the elements.
     */
    @TruffleBoundary
    public static DeltaTuple foreignArrayItems(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached();
        if (value instanceof DeltaList || value instanceof DeltaTuple || value instanceof DeltaRange || !interop.hasArrayElements(value)) {
            return null;
        }
        try {
            long size = interop.getArraySize(value);
            Object[] items = new Object[(int) Math.min(size, Integer.MAX_VALUE)];
            for (int i = 0; i < items.length; i++) {
                items[i] = fromForeign(interop.readArrayElement(value, i));
            }
            return new DeltaTuple(items);
        } catch (UnsupportedMessageException | com.oracle.truffle.api.interop.InvalidArrayIndexException e) {
            return null;
        }
    }

    /** The length of a foreign array, or -1 when the value is not one. */
    @TruffleBoundary
    public static long foreignArraySize(Object value) {
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            return interop.hasArrayElements(value) ? interop.getArraySize(value) : -1;
        } catch (UnsupportedMessageException e) {
            return -1;
        }
    }

    /**
     * Brings a value from another language into Delta's value set: its integers become long, its
     * floats double, its null none. Objects stay foreign and are used through interop.
     */
    @TruffleBoundary
    public static Object fromForeign(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Character c) {
            return String.valueOf(c);
        }
        InteropLibrary interop = InteropLibrary.getUncached();
        try {
            if (interop.isNull(value)) {
                return DeltaNone.INSTANCE;
            }
            if (interop.isString(value)) {
                return interop.asString(value);
            }
            if (interop.isBoolean(value)) {
                return interop.asBoolean(value);
            }
            if (interop.isNumber(value)) {
                return interop.fitsInLong(value) ? (Object) interop.asLong(value) : (Object) interop.asDouble(value);
            }
        } catch (UnsupportedMessageException e) {
            // fall through: keep the object as it is
        }
        return value;
    }
}
