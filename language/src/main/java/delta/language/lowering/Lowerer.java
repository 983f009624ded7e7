package delta.language.lowering;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import delta.language.DeltaLanguage;
import delta.language.nodes.BlockNode;
import delta.language.nodes.CallNode;
import delta.language.nodes.ControlFlowNodes;
import delta.language.nodes.DeltaNode;
import delta.language.nodes.ForNode;
import delta.language.nodes.FunctionLiteralNode;
import delta.language.nodes.FunctionRootNode;
import delta.language.nodes.GlobalNodes;
import delta.language.nodes.IfNode;
import delta.language.nodes.ImportNode;
import delta.language.nodes.LiteralNodes;
import delta.language.nodes.OuterFrames;
import delta.language.nodes.PatternBinder;
import delta.language.nodes.ReadArgumentNode;
import delta.language.nodes.ReadLocalNodeGen;
import delta.language.nodes.WhileNode;
import delta.language.nodes.WriteLocalNodeGen;
import delta.language.nodes.data.CollectionLiterals;
import delta.language.nodes.data.FieldNodesFactory;
import delta.language.nodes.data.IndexNodes;
import delta.language.nodes.data.IndexNodesFactory;
import delta.language.runtime.DeltaError;
import delta.language.runtime.DeltaModule;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.RecordShape;
import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import delta.parser.ast.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a syntax tree into Truffle nodes: resolves every name to a frame slot, an enclosing
 * function's slot or a module global, and gives every node its source position. Static errors
 * (break outside a loop, return at the top level...) are reported here, before anything runs.
 */
public final class Lowerer {
    private final DeltaLanguage language;
    private final Source source;
    private final DeltaModule module;
    private Scopes.Function function;
    /** Slots declared ahead of time for the fn declarations of the blocks being lowered (see hoistFunctions). */
    private final Map<Expr.FnDecl, Integer> hoisted = new IdentityHashMap<>();

    private Lowerer(DeltaLanguage language, Source source, DeltaModule module) {
        this.language = language;
        this.source = source;
        this.module = module;
    }

    /** Lowers a whole file (or REPL input) whose top-level names live in {@code module}. */
    public static FunctionRootNode lowerModule(DeltaLanguage language, Source source, Expr.Block program, DeltaModule module, String name) {
        Lowerer lowerer = new Lowerer(language, source, module);
        lowerer.function = new Scopes.Function(null, true, name);
        DeltaNode body = lowerer.blockItems(program.items(), program.span());
        body.markRootBody();
        SourceSection section = source.createSection(0, source.getLength());
        return new FunctionRootNode(language, lowerer.function.frame.build(), body, name, section);
    }

    // ---- expressions ----------------------------------------------------------------------------

    private DeltaNode lower(Expr e) {
        DeltaNode node = switch (e) {
            case Expr.IntLit lit -> new LiteralNodes.LongLiteral(lit.value());
            case Expr.FloatLit lit -> new LiteralNodes.DoubleLiteral(lit.value());
            case Expr.StringLit lit -> new LiteralNodes.ObjectLiteral(lit.value());
            case Expr.BoolLit lit -> new LiteralNodes.BooleanLiteral(lit.value());
            case Expr.NoneLit lit -> new LiteralNodes.ObjectLiteral(DeltaNone.INSTANCE);
            case Expr.ListLit list -> new CollectionLiterals.ListLiteral(lowerAll(list.items()));
            case Expr.TupleLit tuple -> new CollectionLiterals.TupleLiteral(lowerAll(tuple.items()));
            case Expr.RecordLit record -> recordLiteral(record);
            case Expr.Name name -> read(name.name(), name.span());
            case Expr.Unary unary -> Operators.unary(unary.op(), lower(unary.operand()));
            case Expr.Binary binary -> Operators.binary(binary.op(), lower(binary.left()), lower(binary.right()));
            case Expr.Logical logical -> Operators.logical(logical.isAnd(), lower(logical.left()), lower(logical.right()));
            case Expr.Call call -> call(call);
            case Expr.Index index -> IndexNodesFactory.GetNodeGen.create(lower(index.target()), indexValue(index));
            case Expr.Slice slice -> throw error(slice.span(), "a slice a:b can only appear inside brackets, as in xs[a:b]");
            case Expr.FieldGet field -> FieldNodesFactory.GetNodeGen.create(lower(field.target()), field.name());
            case Expr.Lambda lambda -> functionLiteral(lambda, lambda.name() != null ? lambda.name()
                            : function.isModuleTop ? "<lambda>" : function.name + ".<lambda>");
            case Expr.FnDecl decl -> fnDecl(decl);
            case Expr.Return ret -> returnNode(ret);
            case Expr.Let let -> let(let);
            case Expr.Assign assign -> assign(assign);
            case Expr.Block block -> scoped(block);
            case Expr.If ifExpr -> new IfNode(lower(ifExpr.condition()), scoped(ifExpr.then()),
                            ifExpr.orElse() == null ? null : lower(ifExpr.orElse()));
            case Expr.While loop -> whileLoop(loop);
            case Expr.For loop -> forLoop(loop);
            case Expr.Break b -> loopControl(b.span(), "break", new ControlFlowNodes.BreakNode());
            case Expr.Continue c -> loopControl(c.span(), "continue", new ControlFlowNodes.ContinueNode());
            case Expr.Import imp -> importModule(imp);
        };
        return positioned(node, e.span());
    }

    private DeltaNode[] lowerAll(List<Expr> items) {
        DeltaNode[] nodes = new DeltaNode[items.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = lower(items.get(i));
        }
        return nodes;
    }

    private static DeltaNode positioned(DeltaNode node, Span span) {
        node.setSourceSection(span.start(), span.length());
        return node;
    }

    private DeltaError error(Span span, String message) {
        int start = Math.min(span.start(), source.getLength());
        return DeltaError.syntax(source.createSection(start, Math.min(span.length(), source.getLength() - start)), message, false);
    }

    // ---- blocks and names -----------------------------------------------------------------------

    private DeltaNode scoped(Expr.Block block) {
        Scopes.Block saved = function.block;
        function.block = new Scopes.Block(saved);
        try {
            return positioned(blockItems(block.items(), block.span()), block.span());
        } finally {
            function.block = saved;
        }
    }

    private DeltaNode blockItems(List<Expr> items, Span span) {
        hoistFunctions(items);
        DeltaNode[] nodes = new DeltaNode[items.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = lower(items.get(i));
            nodes[i].markStatement();
        }
        return positioned(new BlockNode(nodes), span);
    }

    /**
     * Declares the names of a block's fn declarations before anything in the block is lowered, so
     * that local functions can call each other whichever comes first, as top-level functions can
     * (those are globals, looked up when they run). Declarations of one name share one slot.
     */
    private void hoistFunctions(List<Expr> items) {
        if (function.atModuleLevel()) {
            return;
        }
        Map<String, Integer> slots = new HashMap<>();
        for (Expr item : items) {
            if (item instanceof Expr.FnDecl decl) {
                hoisted.put(decl, slots.computeIfAbsent(decl.name(), function::declare));
            }
        }
    }

    private DeltaNode read(String name, Span span) {
        Scopes.Resolution where = Scopes.resolve(function, name);
        if (where.isGlobal()) {
            return new GlobalNodes.Read(module, name, function.visibleNames());
        }
        if (where.depth() == 0) {
            return ReadLocalNodeGen.create(where.slot(), name);
        }
        return new OuterFrames.Read(where.depth(), where.slot(), name);
    }

    /** A node that stores {@code value} into the variable {@code name} (which must exist). */
    private DeltaNode write(String name, DeltaNode value, Span span) {
        Scopes.Resolution where = Scopes.resolve(function, name);
        if (where.isGlobal()) {
            return new GlobalNodes.Write(module, name, function.visibleNames(), value);
        }
        if (where.depth() == 0) {
            return WriteLocalNodeGen.create(value, where.slot(), name);
        }
        return new OuterFrames.Write(where.depth(), where.slot(), name, value);
    }

    /** Declares a new variable in the current block and returns the node that initializes it. */
    private DeltaNode declare(String name, DeltaNode value, Span span) {
        if (function.atModuleLevel()) {
            return positioned(new GlobalNodes.Define(module, name, value), span);
        }
        int slot = function.declare(name);
        return positioned(WriteLocalNodeGen.create(value, slot, name), span);
    }

    private PatternBinder binder(Pattern pattern) {
        return switch (pattern) {
            case Pattern.Bind bind -> new PatternBinder.ToVariable(declare(bind.name(), null, bind.span()));
            case Pattern.Tuple tuple -> {
                PatternBinder[] items = new PatternBinder[tuple.items().size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = binder(tuple.items().get(i));
                }
                yield new PatternBinder.ToTuple(items, positioned(new LiteralNodes.ObjectLiteral(null), tuple.span()));
            }
        };
    }

    private DeltaNode let(Expr.Let let) {
        if (let.target() instanceof Pattern.Bind bind) {
            // The value is lowered before the name exists: `let x = x + 1` reads the outer x.
            if (let.value() instanceof Expr.Lambda lambda && lambda.name() == null) {
                // ... except a lambda, which takes the name and, like fn, can call itself by it.
                Expr.Lambda named = new Expr.Lambda(bind.name(), lambda.params(), lambda.body(), lambda.span());
                if (function.atModuleLevel()) {
                    return declare(bind.name(), lower(named), let.span());
                }
                int slot = function.declare(bind.name());
                return WriteLocalNodeGen.create(lower(named), slot, bind.name());
            }
            return declare(bind.name(), lower(let.value()), let.span());
        }
        DeltaNode value = lower(let.value());
        return new PatternBinder.LetNode(value, binder(let.target()));
    }

    private DeltaNode assign(Expr.Assign assign) {
        DeltaNode value = lower(assign.value());
        return switch (assign.target()) {
            case Expr.Name name -> write(name.name(), value, assign.span());
            case Expr.Index index -> IndexNodesFactory.SetNodeGen.create(lower(index.target()), indexValue(index), value);
            case Expr.FieldGet field -> FieldNodesFactory.SetNodeGen.create(lower(field.target()), value, field.name());
            default -> throw error(assign.target().span(), "cannot assign to this expression");
        };
    }

    private DeltaNode indexValue(Expr.Index index) {
        if (index.indices().size() != 1) {
            throw error(index.span(), "only tensors take several indices; a list or tuple takes one, as in xs[i]");
        }
        Expr only = index.indices().get(0);
        if (only instanceof Expr.Slice slice) {
            return positioned(new IndexNodes.MakeSlice(optional(slice.lo()), optional(slice.hi()), optional(slice.step())), slice.span());
        }
        return lower(only);
    }

    private DeltaNode optional(Expr e) {
        return e == null ? null : lower(e);
    }

    private DeltaNode recordLiteral(Expr.RecordLit record) {
        List<String> names = new ArrayList<>();
        DeltaNode[] values = new DeltaNode[record.fields().size()];
        for (int i = 0; i < values.length; i++) {
            names.add(record.fields().get(i).name());
            values[i] = lower(record.fields().get(i).value());
        }
        return new CollectionLiterals.RecordLiteral(new RecordShape(names), values);
    }

    // ---- functions ------------------------------------------------------------------------------

    private DeltaNode call(Expr.Call call) {
        for (Expr.Arg arg : call.args()) {
            if (arg.name() != null) {
                throw error(arg.span(), "named arguments are not supported by this function");
            }
        }
        DeltaNode callee = lower(call.callee());
        DeltaNode[] args = new DeltaNode[call.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = lower(call.args().get(i).value());
        }
        return new CallNode(callee, args);
    }

    private DeltaNode fnDecl(Expr.FnDecl decl) {
        if (function.atModuleLevel()) {
            return new GlobalNodes.Define(module, decl.name(), functionLiteral(decl.function(), decl.name()));
        }
        // Declared before its body is lowered, so the function can call itself: by hoistFunctions,
        // or here for a declaration that is not an item of a block.
        Integer ahead = hoisted.remove(decl);
        int slot = ahead != null ? ahead : function.declare(decl.name());
        // A let between the block's start and here may have shadowed the name: from here on it is the function.
        function.block.slots.put(decl.name(), slot);
        return WriteLocalNodeGen.create(functionLiteral(decl.function(), decl.name()), slot, decl.name());
    }

    private DeltaNode functionLiteral(Expr.Lambda lambda, String name) {
        Scopes.Function outer = function;
        function = new Scopes.Function(outer, false, name);
        try {
            String[] parameters = new String[lambda.params().size()];
            List<DeltaNode> items = new ArrayList<>();
            for (int i = 0; i < parameters.length; i++) {
                Expr.Param param = lambda.params().get(i);
                parameters[i] = param.name();
                int slot = function.declare(param.name());
                items.add(positioned(WriteLocalNodeGen.create(new ReadArgumentNode(i), slot, param.name()), param.span()));
            }
            DeltaNode body = lower(lambda.body());
            items.add(body);
            DeltaNode whole = positioned(new BlockNode(items.toArray(DeltaNode[]::new)), lambda.body().span());
            whole.markRootBody();
            SourceSection section = source.createSection(lambda.span().start(), lambda.span().length());
            FunctionRootNode root = new FunctionRootNode(language, function.frame.build(), whole, name, section);
            return new FunctionLiteralNode(root.getCallTarget(), name, parameters, function.capturesOuter);
        } finally {
            function = outer;
        }
    }

    private DeltaNode returnNode(Expr.Return ret) {
        if (function.parent == null) {
            throw error(ret.span(), "'return' outside a function");
        }
        DeltaNode value = ret.value() == null ? new LiteralNodes.ObjectLiteral(DeltaNone.INSTANCE) : lower(ret.value());
        return new ControlFlowNodes.ReturnNode(value);
    }

    // ---- control --------------------------------------------------------------------------------

    private DeltaNode loopControl(Span span, String keyword, DeltaNode node) {
        if (function.loopDepth == 0) {
            throw error(span, "'" + keyword + "' outside a loop");
        }
        return node;
    }

    private DeltaNode whileLoop(Expr.While loop) {
        DeltaNode condition = lower(loop.condition());
        function.loopDepth++;
        try {
            return new WhileNode(condition, scoped(loop.body()));
        } finally {
            function.loopDepth--;
        }
    }

    private DeltaNode forLoop(Expr.For loop) {
        DeltaNode iterable = lower(loop.iterable());
        int[] hidden = {function.hiddenSlot(), function.hiddenSlot(), function.hiddenSlot(), function.hiddenSlot()};
        Scopes.Block saved = function.block;
        function.block = new Scopes.Block(saved);
        function.loopDepth++;
        try {
            PatternBinder target = binder(loop.target());
            int variableSlot = loop.target() instanceof Pattern.Bind bind ? function.find(bind.name()) : -1;
            return new ForNode(iterable, target, variableSlot, scoped(loop.body()), hidden);
        } finally {
            function.loopDepth--;
            function.block = saved;
        }
    }

    private DeltaNode importModule(Expr.Import imp) {
        PatternBinder binding = new PatternBinder.ToVariable(declare(imp.binding(), null, imp.span()));
        return new ImportNode(imp.module(), imp.path(), source.getPath(), binding);
    }

}
