package delta.language.nodes.data;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.NodeField;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.CachedLibrary;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.nodes.DeltaNode;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.DeltaRecord;
import delta.language.runtime.GlobalCell;
import delta.language.runtime.NameSuggestions;
import delta.language.runtime.RecordShape;
import delta.language.runtime.Values;
import delta.language.tensor.DeltaTensor;
import delta.language.tensor.TensorIndexing;
import java.util.Arrays;

/** {@code r.w} and {@code r.w = v} on records, module members and foreign objects; {@code t.shape} and the like on tensors. */
public final class FieldNodes {
    private FieldNodes() {}

    static DeltaError noField(DeltaNode at, Object target, String name) {
        CompilerDirectives.transferToInterpreter();
        if (target instanceof DeltaRecord record) {
            return DeltaError.at(at, "record has no field '" + name + "'" + NameSuggestions.didYouMean(name, Arrays.asList(record.shape().names()))
                            + "; its fields are " + String.join(", ", record.shape().names()));
        }
        if (target instanceof DeltaModule module) {
            return DeltaError.at(at, "module " + module.name() + " has no member '" + name + "'" + NameSuggestions.didYouMean(name, module.definedNames()));
        }
        if (target instanceof DeltaTensor) {
            return DeltaError.at(at, "a tensor has no field '" + name + "'; its fields are " + TensorIndexing.FIELDS);
        }
        return DeltaError.at(at, Values.typeNameWithArticle(target) + " has no field '" + name + "'");
    }

    @NodeInfo(shortName = "field")
    @NodeChild("target")
    @NodeField(name = "name", type = String.class)
    public abstract static class Get extends DeltaNode {
        protected abstract String getName();

        @Specialization(guards = "record.shape() == cachedShape", limit = "3")
        protected Object record(DeltaRecord record,
                        @Cached("record.shape()") RecordShape cachedShape,
                        @Cached("cachedShape.indexOf(getName())") int index) {
            if (index < 0) {
                throw noField(this, record, getName());
            }
            return record.get(index);
        }

        @Specialization(replaces = "record")
        protected Object anyRecord(DeltaRecord record) {
            int index = record.shape().indexOf(getName());
            if (index < 0) {
                throw noField(this, record, getName());
            }
            return record.get(index);
        }

        /** A member of one module that has not changed since this node first read it: a constant in compiled code. */
        @Specialization(guards = {"module == cachedModule", "cell != null"}, limit = "1", assumptions = "unchanged")
        protected Object moduleConstant(DeltaModule module,
                        @Cached("module") DeltaModule cachedModule,
                        @Cached("declaredCell(cachedModule, getName())") GlobalCell cell,
                        @Cached("cell.unchanged()") Assumption unchanged,
                        @Cached("cell.get()") Object value) {
            return value;
        }

        static GlobalCell declaredCell(DeltaModule module, String name) {
            GlobalCell cell = module.lookup(name);
            return cell != null && cell.isDeclared() && cell.unchanged().isValid() ? cell : null;
        }

        @Specialization(replaces = "moduleConstant")
        protected Object module(DeltaModule module) {
            GlobalCell cell = module.lookup(getName());
            if (cell == null || !cell.isDeclared()) {
                throw noField(this, module, getName());
            }
            return cell.get();
        }

        @Specialization
        protected Object tensor(DeltaTensor tensor) {
            Object value = TensorIndexing.field(tensor, getName());
            if (value == null) {
                throw noField(this, tensor, getName());
            }
            return value;
        }

        @Fallback
        protected Object foreign(Object target,
                        @CachedLibrary(limit = "3") InteropLibrary interop) {
            try {
                return Values.fromForeign(interop.readMember(target, getName()));
            } catch (UnsupportedMessageException | UnknownIdentifierException e) {
                throw noField(this, target, getName());
            }
        }
    }

    @NodeInfo(shortName = "set field")
    @NodeChild("target")
    @NodeChild("value")
    @NodeField(name = "name", type = String.class)
    public abstract static class Set extends DeltaNode {
        protected abstract String getName();

        @Specialization(guards = "record.shape() == cachedShape", limit = "3")
        protected Object record(DeltaRecord record, Object value,
                        @Cached("record.shape()") RecordShape cachedShape,
                        @Cached("cachedShape.indexOf(getName())") int index) {
            if (index < 0) {
                throw noField(this, record, getName());
            }
            record.set(index, value);
            return null;
        }

        @Specialization(replaces = "record")
        protected Object anyRecord(DeltaRecord record, Object value) {
            int index = record.shape().indexOf(getName());
            if (index < 0) {
                throw noField(this, record, getName());
            }
            record.set(index, value);
            return null;
        }

        @Fallback
        protected Object foreign(Object target, Object value,
                        @CachedLibrary(limit = "3") InteropLibrary interop) {
            try {
                interop.writeMember(target, getName(), value);
                return null;
            } catch (UnsupportedMessageException | UnknownIdentifierException | UnsupportedTypeException e) {
                throw noField(this, target, getName());
            }
        }
    }
}
