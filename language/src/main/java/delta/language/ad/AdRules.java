package delta.language.ad;

import delta.ad.Rules;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRegistry;
import delta.language.nodes.ops.AddNode;
import delta.language.nodes.ops.DivNode;
import delta.language.nodes.ops.ModNode;
import delta.language.nodes.ops.MulNode;
import delta.language.nodes.ops.NegNode;
import delta.language.nodes.ops.PowNode;
import delta.language.nodes.ops.SubNode;
import delta.parser.Parser;
import delta.parser.SourceText;
import delta.parser.ast.Expr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Gathers the derivative rules the operators and builtins declare into the transform's rule table. */
public final class AdRules {
    /** Builtins that differentiated code may call: they run, and they have no derivative by nature. */
    private static final Set<String> CONSTANT_BUILTINS = Set.of("print", "str", "type", "len", "range", "int", "floor", "ceil",
                    "assert", "error", "clock", "seed", "rand", "randn", "randint", "fields", "stop_gradient");

    private static final Rules RULES = build();

    private AdRules() {}

    public static Rules get() {
        return RULES;
    }

    private static Rules build() {
        Map<String, List<String>> partials = new HashMap<>();
        partials.put("+", List.of(AddNode.PARTIALS));
        partials.put("-", List.of(SubNode.PARTIALS));
        partials.put("*", List.of(MulNode.PARTIALS));
        partials.put("/", List.of(DivNode.PARTIALS));
        partials.put("**", List.of(PowNode.PARTIALS));
        partials.put("%", List.of(ModNode.PARTIALS));
        partials.put("neg", List.of(NegNode.PARTIALS));
        Set<String> opaque = new HashSet<>();
        Map<String, Integer> general = new HashMap<>();
        for (Builtin builtin : BuiltinRegistry.all()) {
            if (builtin.vjp() != null) {
                Expr.Lambda rule = (Expr.Lambda) Parser.parseExpression(new SourceText("<vjp rule of " + builtin.name() + ">", builtin.vjp()));
                general.put(builtin.name(), rule.params().size());
            }
            if (builtin.partials() != null) {
                partials.put(builtin.name(), List.of(builtin.partials()));
            } else if (builtin.vjp() == null && (CONSTANT_BUILTINS.contains(builtin.name()) || builtin.constant())) {
                opaque.add(builtin.name());
            }
        }
        return new Rules(partials, opaque, general);
    }
}
