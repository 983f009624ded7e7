package delta.language.nodes.data;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.nodes.DeltaNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaList;
import delta.language.runtime.DeltaRange;
import delta.language.runtime.DeltaTuple;
import delta.language.runtime.SliceValue;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorIndexing;
import java.util.ArrayList;

/** {@code a[i]} (negative i counts from the end) and {@code a[lo:hi:step]} on lists, tuples, strings, ranges; tensors also take {@code t[i, a:b]}. */
public final class IndexNodes {
    private IndexNodes() {}

    /** Resolves a possibly negative index against a length, or fails naming both. */
    static int resolve(DeltaNode at, long index, long length) {
        long resolved = index < 0 ? index + length : index;
        if (resolved < 0 || resolved >= length) {
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(at, "index " + index + " is out of range for length " + length);
        }
        return (int) resolved;
    }

    @NodeInfo(shortName = "index")
    @NodeChild("target")
    @NodeChild("index")
    public abstract static class Get extends DeltaNode {
        /**
         * A list of unboxed floats gets its own path: a read that could also yield a boxed element
         * would merge the two, and compiled code would then allocate a box for every float read.
         */
        @Specialization(guards = "list.holdsFloats()")
        protected double floatList(DeltaList list, long index) {
            return list.getFloat(resolve(this, index, list.size()));
        }

        @Specialization(guards = "!list.holdsFloats()")
        protected Object list(DeltaList list, long index) {
            return list.get(resolve(this, index, list.size()));
        }

        @Specialization
        protected Object tuple(DeltaTuple tuple, long index) {
            return tuple.get(resolve(this, index, tuple.size()));
        }

        @Specialization
        protected long range(DeltaRange range, long index) {
            return range.get(resolve(this, index, range.size()));
        }

        @Specialization
        @TruffleBoundary
        protected String string(String text, long index) {
            int i = resolve(this, index, text.codePointCount(0, text.length()));
            int start = text.offsetByCodePoints(0, i);
            return text.substring(start, text.offsetByCodePoints(start, 1));
        }

        @Specialization
        @TruffleBoundary
        protected Object sliceList(DeltaList list, SliceValue slice) {
            return new DeltaList(select(list.toArray(), slice));
        }

        @Specialization
        @TruffleBoundary
        protected Object sliceTuple(DeltaTuple tuple, SliceValue slice) {
            return new DeltaTuple(select(tuple.items(), slice).toArray());
        }

        @Specialization
        @TruffleBoundary
        protected Object sliceString(String text, SliceValue slice) {
            int[] codePoints = text.codePoints().toArray();
            StringBuilder out = new StringBuilder();
            for (long i : slice.indices(codePoints.length)) {
                out.appendCodePoint(codePoints[(int) i]);
            }
            return out.toString();
        }

        /** An int, a slice, or a tuple of them ({@code t[i, a:b]}): a view, or a number for a full index. */
        @Specialization
        protected Object tensor(DeltaTensor tensor, Object index) {
            return TensorIndexing.read(this, tensor, index);
        }

        @Fallback
        protected Object other(Object target, Object index,
                        @CachedLibrary(limit = "3") InteropLibrary interop) {
            if (index instanceof Long i && interop.hasArrayElements(target)) {
                try {
                    return Values.fromForeign(interop.readArrayElement(target, resolve(this, i, interop.getArraySize(target))));
                } catch (UnsupportedMessageException | InvalidArrayIndexException e) {
                    // reported below
                }
            }
            CompilerDirectives.transferToInterpreter();
            if (index instanceof DeltaTuple && (target instanceof DeltaList || target instanceof DeltaTuple || target instanceof String)) {
                throw DeltaError.at(this, "only tensors take several indices; " + Values.typeNameWithArticle(target) + " takes one, as in xs[i]");
            }
            if (target instanceof DeltaList || target instanceof DeltaTuple || target instanceof String) {
                throw DeltaError.at(this, "indices must be ints or slices, not " + Values.typeName(index));
            }
            throw DeltaError.at(this, Values.typeNameWithArticle(target) + " cannot be indexed");
        }

        private static ArrayList<Object> select(Object[] items, SliceValue slice) {
            ArrayList<Object> out = new ArrayList<>();
            for (long i : slice.indices(items.length)) {
                out.add(items[(int) i]);
            }
            return out;
        }
    }

    @NodeInfo(shortName = "set index")
    @NodeChild("target")
    @NodeChild("index")
    @NodeChild("value")
    public abstract static class Set extends DeltaNode {
        @Specialization(guards = "list.holdsFloats()")
        protected Object floatList(DeltaList list, long index, double value) {
            list.setFloat(resolve(this, index, list.size()), value);
            return null;
        }

        @Specialization(replaces = "floatList")
        protected Object list(DeltaList list, long index, Object value) {
            list.set(resolve(this, index, list.size()), value);
            return null;
        }

        @Fallback
        protected Object other(Object target, Object index, Object value,
                        @CachedLibrary(limit = "3") InteropLibrary interop) {
            if (index instanceof Long i && interop.hasArrayElements(target) && !(target instanceof DeltaTuple)) {
                try {
                    interop.writeArrayElement(target, resolve(this, i, interop.getArraySize(target)), value);
                    return null;
                } catch (UnsupportedMessageException | InvalidArrayIndexException | UnsupportedTypeException e) {
                    // reported below
                }
            }
            CompilerDirectives.transferToInterpreter();
            if (target instanceof DeltaTuple || target instanceof String || target instanceof DeltaTensor) {
                throw DeltaError.at(this, Values.typeNameWithArticle(target) + " is immutable; its elements cannot be assigned");
            }
            throw DeltaError.at(this, "cannot assign to an element of " + Values.typeNameWithArticle(target) + " with " + Values.typeNameWithArticle(index) + " index");
        }
    }

    /** {@code lo:hi:step} inside brackets: evaluates to a {@link SliceValue}. */
    @NodeInfo(shortName = "slice")
    public static final class MakeSlice extends DeltaNode {
        @Child private DeltaNode lo;
        @Child private DeltaNode hi;
        @Child private DeltaNode step;

        public MakeSlice(DeltaNode lo, DeltaNode hi, DeltaNode step) {
            this.lo = lo;
            this.hi = hi;
            this.step = step;
        }

        @Override
        public Object executeGeneric(com.oracle.truffle.api.frame.VirtualFrame frame) {
            Long stepValue = bound(frame, step);
            if (stepValue != null && stepValue == 0) {
                CompilerDirectives.transferToInterpreter();
                throw DeltaError.at(step, "slice step cannot be zero");
            }
            return new SliceValue(bound(frame, lo), bound(frame, hi), stepValue);
        }

        private Long bound(com.oracle.truffle.api.frame.VirtualFrame frame, DeltaNode node) {
            if (node == null) {
                return null;
            }
            Object value = node.executeGeneric(frame);
            if (value instanceof Long l) {
                return l;
            }
            CompilerDirectives.transferToInterpreter();
            throw DeltaError.at(node, "slice bounds must be ints, not " + Values.typeName(value));
        }
    }
}
