package delta.ad;

import delta.parser.Parser;
import delta.parser.SourceText;
import delta.parser.ast.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivative rules of the primitives, as the language declares them beside each primitive's
 * forward implementation: for every argument, the partial derivative of the result with respect to
 * it, written in Delta over the argument names {@code x} (first) and {@code y} (second). One table
 * serves both modes: a tangent is the sum of partial times argument tangent, an adjoint adds
 * the result's adjoint times the partial to each argument's adjoint.
 */
public final class Rules {
    private static final String[] ARGUMENT_NAMES = {"x", "y", "z"};

    private final Map<String, List<Expr>> partials = new HashMap<>();
    private final Set<String> opaque;
    private final Map<String, Integer> general;

    /**
     * @param partialSources primitive name (operator symbol, "neg", or builtin name) to the Delta
     *            source of the partial derivative for each argument
     * @param opaque builtins that have no derivative: they run, and contribute zero
     * @param general builtins with general rules (a vjp and a jvp function, written in Delta by the
     *            language), each with the most arguments its rule takes: calls to them go through
     *            their derivative code like calls to Delta functions, except where their partials
     *            cover the number of arguments
     */
    public Rules(Map<String, List<String>> partialSources, Set<String> opaque, Map<String, Integer> general) {
        partialSources.forEach((name, sources) -> partials.put(name, sources.stream().map(Rules::parse).toList()));
        this.opaque = Set.copyOf(opaque);
        this.general = Map.copyOf(general);
    }

    public Rules(Map<String, List<String>> partialSources, Set<String> opaque) {
        this(partialSources, opaque, Map.of());
    }

    /**
     * Whether a call of {@code name} with {@code count} arguments goes through its general rule:
     * it has one that takes that many, and its partials (if any) are for another count.
     */
    public boolean usesGeneral(String name, int count) {
        Integer most = general.get(name);
        return most != null && count <= most && !(partials.containsKey(name) && partials.get(name).size() == count);
    }

    private static Expr parse(String source) {
        return Parser.parseExpression(new SourceText("<rule>", source));
    }

    public boolean has(String name) {
        return partials.containsKey(name);
    }

    public boolean isOpaque(String name) {
        return opaque.contains(name);
    }

    /** The partial derivative of {@code name} for argument {@code index}, with the arguments substituted in. */
    Expr partial(String name, int index, List<Expr> arguments, delta.parser.ast.Span at) {
        List<Expr> rules = partials.get(name);
        if (rules.size() != arguments.size()) {
            throw new IllegalArgumentException(name + " takes " + rules.size() + " arguments");
        }
        Map<String, Expr> bindings = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            bindings.put(ARGUMENT_NAMES[i], arguments.get(i));
        }
        return Substitution.apply(rules.get(index), bindings, at);
    }

    public int arity(String name) {
        return partials.get(name).size();
    }
}
