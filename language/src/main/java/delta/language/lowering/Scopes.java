package delta.language.lowering;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static scopes of the lowering. Every {@code let} gets its own frame slot, so a block's bindings
 * disappear at its end simply by no longer being found, and shadowing needs no runtime work.
 */
final class Scopes {
    private Scopes() {}

    /** The names of one block. */
    static final class Block {
        final Block parent;
        final Map<String, Integer> slots = new HashMap<>();

        Block(Block parent) {
            this.parent = parent;
        }
    }

    /** One function being lowered (the file's top level counts as a function too). */
    static final class Function {
        final Function parent;
        final boolean isModuleTop;
        /** The function's name, for naming the lambdas inside it in stack traces and compilation logs. */
        final String name;
        final FrameDescriptor.Builder frame = FrameDescriptor.newBuilder();
        Block block;
        /** Set when this function reads or writes a variable of an enclosing function. */
        boolean capturesOuter;
        int loopDepth;

        Function(Function parent, boolean isModuleTop, String name) {
            this.parent = parent;
            this.isModuleTop = isModuleTop;
            this.name = name;
            this.block = new Block(null);
        }

        /** True where a let binds a module global rather than a frame slot. */
        boolean atModuleLevel() {
            return isModuleTop && block.parent == null;
        }

        int declare(String name) {
            int slot = frame.addSlot(FrameSlotKind.Illegal, name, null);
            block.slots.put(name, slot);
            return slot;
        }

        int hiddenSlot() {
            return frame.addSlot(FrameSlotKind.Illegal, null, null);
        }

        Integer find(String name) {
            for (Block b = block; b != null; b = b.parent) {
                Integer slot = b.slots.get(name);
                if (slot != null) {
                    return slot;
                }
            }
            return null;
        }

        List<String> visibleNames() {
            List<String> names = new ArrayList<>();
            for (Function f = this; f != null; f = f.parent) {
                for (Block b = f.block; b != null; b = b.parent) {
                    names.addAll(b.slots.keySet());
                }
            }
            return names;
        }
    }

    /** Where each variable visible to a function nested in {@code function} lives: {depth, slot}, nearest first. */
    static java.util.Map<String, int[]> environment(Function function) {
        java.util.Map<String, int[]> names = new java.util.LinkedHashMap<>();
        int depth = 1;
        for (Function f = function; f != null; f = f.parent, depth++) {
            for (Block b = f.block; b != null; b = b.parent) {
                for (Map.Entry<String, Integer> entry : b.slots.entrySet()) {
                    names.putIfAbsent(entry.getKey(), new int[]{depth, entry.getValue()});
                }
            }
        }
        return names;
    }

    /**
     * Scopes that stand for a closure's enclosing functions when code is lowered after them
     * (derivative code of a closure): names resolve to the same depth and slot as in the closure.
     */
    static Function fromEnvironment(java.util.Map<String, int[]> environment, String name) {
        int deepest = 0;
        for (int[] place : environment.values()) {
            deepest = Math.max(deepest, place[0]);
        }
        Function outer = null;
        for (int depth = deepest; depth >= 1; depth--) {
            Function level = new Function(outer, depth == deepest, name);
            for (Map.Entry<String, int[]> entry : environment.entrySet()) {
                if (entry.getValue()[0] == depth) {
                    level.block.slots.put(entry.getKey(), entry.getValue()[1]);
                }
            }
            outer = level;
        }
        return outer;
    }

    /** Where a name lives: a slot {@code depth} functions out, or the module (slot null). */
    record Resolution(int depth, Integer slot) {
        boolean isGlobal() {
            return slot == null;
        }
    }

    static Resolution resolve(Function current, String name) {
        int depth = 0;
        for (Function f = current; f != null; f = f.parent, depth++) {
            Integer slot = f.find(name);
            if (slot != null) {
                // Every function between the use and the owner must pass its frame along.
                Function g = current;
                for (int i = 0; i < depth; i++, g = g.parent) {
                    g.capturesOuter = true;
                }
                return new Resolution(depth, slot);
            }
        }
        return new Resolution(0, null);
    }
}
