package delta.language.nodes;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.nodes.NodeInfo;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.GlobalCell;
import delta.language.runtime.NameSuggestions;
import java.util.List;

/**
 * Names of a module's top level. A global is looked up by name once, at its first execution; after
 * that the node holds the cell and reads or writes it directly. Lookup is late so that functions can
 * call functions defined further down the file, and REPL inputs can use earlier inputs' names.
 * Nodes may hold the module object because Delta contexts never share code (ContextPolicy.EXCLUSIVE).
 */
public final class GlobalNodes {
    private GlobalNodes() {}

    @NodeInfo(shortName = "read global")
    public static final class Read extends DeltaNode {
        private final DeltaModule module;
        private final String name;
        /** Local names in scope at this point, for "did you mean" when the name is unknown. */
        private final List<String> localsInScope;
        @CompilationFinal private GlobalCell cell;
        /** The cell's value while it has not changed since this node first read it (see {@link GlobalCell}). */
        @CompilationFinal private Object constant;
        @CompilationFinal private Assumption constantValid;

        public Read(DeltaModule module, String name, List<String> localsInScope) {
            this.module = module;
            this.name = name;
            this.localsInScope = localsInScope;
        }

        public String getName() {
            return name;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            GlobalCell c = cell;
            if (c == null) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                c = module.lookup(name);
                if (c == null) {
                    throw DeltaError.at(this, "unknown name '" + name + "'" + NameSuggestions.didYouMean(name, localsInScope, module.visibleNames()));
                }
                cell = c;
                if (c.unchanged().isValid()) {
                    constant = c.get();
                    constantValid = c.unchanged();
                }
            }
            Assumption valid = constantValid;
            if (valid != null) {
                if (valid.isValid()) {
                    return constant;
                }
                CompilerDirectives.transferToInterpreterAndInvalidate();
                constantValid = null;
                constant = null;
            }
            return c.get();
        }

        @Override
        public boolean hasTag(Class<? extends Tag> tag) {
            return tag == StandardTags.ReadVariableTag.class || super.hasTag(tag);
        }
    }

    /** {@code let x = e} and {@code fn f() ...} at the top level. */
    @NodeInfo(shortName = "define global")
    public static final class Define extends DeltaNode {
        private final DeltaModule module;
        private final String name;
        @Child private DeltaNode value;

        public Define(DeltaModule module, String name, DeltaNode value) {
            this.module = module;
            this.name = name;
            this.value = value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            define(value.executeGeneric(frame));
            return null;
        }

        /** Defines with a value computed elsewhere (destructuring). */
        public void define(Object result) {
            module.define(name, result);
        }

        @Override
        public boolean hasTag(Class<? extends Tag> tag) {
            return tag == StandardTags.WriteVariableTag.class || super.hasTag(tag);
        }
    }

    /** {@code x = e} where x is a global: x must have been defined with let or fn. */
    @NodeInfo(shortName = "write global")
    public static final class Write extends DeltaNode {
        private final DeltaModule module;
        private final String name;
        private final List<String> localsInScope;
        @Child private DeltaNode value;
        @CompilationFinal private GlobalCell cell;

        public Write(DeltaModule module, String name, List<String> localsInScope, DeltaNode value) {
            this.module = module;
            this.name = name;
            this.localsInScope = localsInScope;
            this.value = value;
        }

        @Override
        public Object executeGeneric(VirtualFrame frame) {
            Object result = value.executeGeneric(frame);
            GlobalCell c = cell;
            if (c == null) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                c = module.lookup(name);
                if (c == null || !c.isDeclared()) {
                    throw DeltaError.at(this, "assignment to undeclared variable '" + name + "'; declare it with 'let " + name + " = ...'"
                                    + NameSuggestions.didYouMean(name, localsInScope, module.definedNames()));
                }
                cell = c;
            }
            c.set(result);
            return null;
        }

        @Override
        public boolean hasTag(Class<? extends Tag> tag) {
            return tag == StandardTags.WriteVariableTag.class || super.hasTag(tag);
        }
    }
}
