package delta.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.DeltaRange;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.NameSuggestions;
import delta.language.runtime.RecordShape;
import delta.language.runtime.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** print, str, type, len, append, range, int, float, assert, error, clock, fields, getfield, record, tuple. */
final class CoreBuiltins {
    private CoreBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            new Builtin("print", 0, -1, "print(a, b, ...)", "writes its arguments separated by spaces, then a newline",
                (site, args) -> {
                    print(site, args);
                    return DeltaNone.INSTANCE;
                }),
            new Builtin("str", 1, 1, "str(x)", "x as text, as print shows it", (site, args) -> Values.str(args[0])),
            new Builtin("type", 1, 1, "type(x)", "the name of x's type: int, float, bool, str, none, list, tuple, record, function, range, module",
                (site, args) -> Values.typeName(args[0])),
            new Builtin("len", 1, 1, "len(x)", "the number of elements of a list, tuple, range or record, or characters of a str",
                (site, args) -> length(site, args[0])),
            new Builtin("append", 2, 2, "append(list, x)", "adds x at the end of the list (in place) and returns none",
                (site, args) -> {
                    if (!(args[0] instanceof DeltaList list)) {
                        throw Arguments.wrongType(site, args, 0, "a list");
                    }
                    list.add(args[1]);
                    return DeltaNone.INSTANCE;
                }),
            new Builtin("range", 1, 3, "range(stop) or range(start, stop[, step])", "the ints from start (default 0) up to but excluding stop",
                (site, args) -> range(site, args)),
            new Builtin("int", 1, 1, "int(x)", "x as an int: floats are truncated toward zero, strings parsed",
                (site, args) -> toInt(site, args)),
            new Builtin("float", 1, 1, "float(x)", "x as a float; strings are parsed", (site, args) -> toFloat(site, args)).differentiable("1.0"),
            new Builtin("assert", 1, 2, "assert(condition[, message])", "stops with an error when the condition is false",
                (site, args) -> {
                    if (!(args[0] instanceof Boolean)) {
                        throw Arguments.wrongType(site, args, 0, "a bool");
                    }
                    if (!(Boolean) args[0]) {
                        throw DeltaError.at(site, "assertion failed" + (args.length > 1 ? ": " + Values.str(args[1]) : ""));
                    }
                    return DeltaNone.INSTANCE;
                }),
            new Builtin("error", 1, 1, "error(message)", "stops the program with an error that shows the message and where it was raised",
                (site, args) -> {
                    throw DeltaError.at(site, Values.str(args[0]));
                }),
            new Builtin("clock", 0, 0, "clock()", "seconds from an arbitrary origin, for measuring durations", (site, args) -> System.nanoTime() / 1e9),
            new Builtin("fields", 1, 1, "fields(record)", "the field names of a record, as a list of strs",
                (site, args) -> {
                    if (!(args[0] instanceof DeltaRecord record)) {
                        throw Arguments.wrongType(site, args, 0, "a record");
                    }
                    return DeltaList.of((Object[]) record.shape().names());
                }),
            new Builtin("getfield", 2, 2, "getfield(record, name)", "the field of a record named by a str computed at run time: getfield(r, \"w\") is r.w",
                (site, args) -> getField(site, args)),
            new Builtin("record", 2, 2, "record(names, values)",
                "a new record with the fields named by a list of strs and the values of a list (or tuple) of the same length: record([\"w\", \"b\"], [1.0, 0.0]) is {w: 1.0, b: 0.0}",
                (site, args) -> makeRecord(site, args)),
            new Builtin("tuple", 1, 1, "tuple(xs)", "a tuple of the elements of a list, tuple, range or str (as for walks them): tuple([1, 2]) is (1, 2)",
                (site, args) -> toTuple(site, args)));
    }

    @TruffleBoundary
    private static Object getField(BuiltinRootNode site, Object[] args) {
        if (!(args[0] instanceof DeltaRecord record)) {
            throw Arguments.wrongType(site, args, 0, "a record");
        }
        String name = Arguments.string(site, args, 1);
        int index = record.shape().indexOf(name);
        if (index < 0) {
            throw DeltaError.at(site, "record has no field '" + name + "'" + NameSuggestions.didYouMean(name, Arrays.asList(record.shape().names()))
                            + "; its fields are " + String.join(", ", record.shape().names()));
        }
        return record.get(index);
    }

    /**
     * Shapes made by record(), by field names, so that records built from the same names share one
     * shape and field reads on them stay monomorphic (a record literal shares its shape the same way).
     */
    private static final Map<List<String>, RecordShape> SHAPES = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, RecordShape> eldest) {
            return size() > 1024;
        }
    });

    @TruffleBoundary
    private static Object makeRecord(BuiltinRootNode site, Object[] args) {
        Object[] names = Arguments.sequence(site, args, 0, "a list of strs");
        Object[] values = Arguments.sequence(site, args, 1, "a list or tuple");
        if (names.length != values.length) {
            throw Arguments.error(site, "got " + names.length + " names and " + values.length + " values");
        }
        List<String> keys = new ArrayList<>(names.length);
        for (Object name : names) {
            if (!(name instanceof String s)) {
                throw Arguments.error(site, "field names must be strs, got " + Values.describe(name));
            }
            if (keys.contains(s)) {
                throw Arguments.error(site, "field '" + s + "' is named twice");
            }
            keys.add(s);
        }
        List<String> key = List.copyOf(keys);
        RecordShape shape = SHAPES.computeIfAbsent(key, RecordShape::new);
        return new DeltaRecord(shape, values.clone());
    }

    @TruffleBoundary
    private static Object toTuple(BuiltinRootNode site, Object[] args) {
        Object value = args[0];
        if (value instanceof DeltaTuple) {
            return value;
        } else if (value instanceof DeltaList list) {
            return new DeltaTuple(list.toArray());
        } else if (value instanceof DeltaRange range) {
            return new DeltaTuple(Arguments.rangeItems(range));
        } else if (value instanceof String s) {
            return new DeltaTuple(s.codePoints().mapToObj(Character::toString).toArray());
        }
        throw Arguments.wrongType(site, args, 0, "a list, tuple, range or str");
    }


    @TruffleBoundary
    private static void print(BuiltinRootNode site, Object[] args) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(Values.str(args[i]));
        }
        line.append('\n');
        site.context().print(line.toString());
    }

    @TruffleBoundary
    private static Object length(BuiltinRootNode site, Object value) {
        if (value instanceof DeltaList list) {
            return (long) list.size();
        } else if (value instanceof DeltaTuple tuple) {
            return (long) tuple.size();
        } else if (value instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        } else if (value instanceof DeltaRange range) {
            return range.size();
        } else if (value instanceof DeltaRecord record) {
            return (long) record.shape().size();
        } else if (value instanceof DeltaModule module) {
            return (long) module.definedNames().size();
        } else if (Values.foreignArraySize(value) >= 0) {
            return Values.foreignArraySize(value);
        }
        throw Arguments.wrongType(site, new Object[]{value}, 0, "a list, tuple, str, range or record");
    }

    private static Object range(BuiltinRootNode site, Object[] args) {
        long start = args.length == 1 ? 0 : Arguments.integer(site, args, 0);
        long stop = Arguments.integer(site, args, args.length == 1 ? 0 : 1);
        long step = args.length == 3 ? Arguments.integer(site, args, 2) : 1;
        if (step == 0) {
            throw Arguments.error(site, "step cannot be zero");
        }
        return new DeltaRange(start, stop, step);
    }

    @TruffleBoundary
    private static Object toInt(BuiltinRootNode site, Object[] args) {
        Object value = args[0];
        if (value instanceof Long) {
            return value;
        } else if (value instanceof Double d) {
            if (Double.isNaN(d) || Math.abs(d) >= 0x1p63) {
                throw Arguments.error(site, "cannot convert " + Values.display(d) + " to an int");
            }
            return (long) (double) d;
        } else if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw Arguments.error(site, "cannot parse " + Values.display(s) + " as an int");
            }
        }
        throw Arguments.wrongType(site, args, 0, "a number, bool or str");
    }

    @TruffleBoundary
    private static Object toFloat(BuiltinRootNode site, Object[] args) {
        Object value = args[0];
        if (value instanceof Long l) {
            return (double) l;
        } else if (value instanceof Double) {
            return value;
        } else if (value instanceof String s) {
            String t = s.strip().toLowerCase();
            switch (t) {
                case "nan":
                    return Double.NaN;
                case "inf", "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        if (t.matches("[+-]?(\\d[\\d_]*)?(\\.\\d*)?(e[+-]?\\d+)?") && t.matches(".*\\d.*")) {
                            return Double.parseDouble(t.replace("_", ""));
                        }
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                    throw Arguments.error(site, "cannot parse " + Values.display(s) + " as a float");
            }
        }
        throw Arguments.wrongType(site, args, 0, "a number or str");
    }

}
