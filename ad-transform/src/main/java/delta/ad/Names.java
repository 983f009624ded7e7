package delta.ad;

import delta.parser.ast.Expr;
import delta.parser.ast.Pattern;
import java.util.HashSet;
import java.util.Set;

/**
 * Fresh, readable names for generated code (t1, x_bar, x_dot...), never equal to a name the user's
 * function mentions, so generated code cannot capture or shadow the user's variables or globals.
 */
final class Names {
    /** Every name the user's function mentions: generated helpers never use these. */
    private final Set<String> taken = new HashSet<>();
    /** Names of the normalized function already given to a variable. */
    private final Set<String> bound = new HashSet<>();
    private int temporaries;

    Names(Expr.Lambda function) {
        collect(function);
    }

    /** A unique name for a user's variable: its own name the first time, then name_1, name_2... */
    String variable(String base) {
        String name = base;
        for (int i = 1; bound.contains(name) || (i > 1 && taken.contains(name)); i++) {
            name = base + "_" + i;
        }
        bound.add(name);
        taken.add(name);
        return name;
    }

    /** A name for generated code, distinct from every name of the user's function. */
    String fresh(String base) {
        String name = base;
        for (int i = 1; taken.contains(name) || bound.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        bound.add(name);
        return name;
    }

    String temporary() {
        String name;
        do {
            name = "t" + (++temporaries);
        } while (taken.contains(name) || bound.contains(name));
        taken.add(name);
        bound.add(name);
        return name;
    }

    private void collect(Expr e) {
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Name n -> taken.add(n.name());
            case Expr.Lambda l -> {
                if (l.name() != null) {
                    taken.add(l.name());
                }
                l.params().forEach(p -> taken.add(p.name()));
                collect(l.body());
            }
            case Expr.FnDecl d -> {
                taken.add(d.name());
                collect(d.function());
            }
            case Expr.Let let -> {
                collect(let.target());
                collect(let.value());
            }
            case Expr.For f -> {
                collect(f.target());
                collect(f.iterable());
                collect(f.body());
            }
            case Expr.Import i -> taken.add(i.binding());
            default -> Syntax.children(e).forEach(this::collect);
        }
    }

    private void collect(Pattern p) {
        switch (p) {
            case Pattern.Bind b -> taken.add(b.name());
            case Pattern.Tuple t -> t.items().forEach(this::collect);
        }
    }
}
