package delta.parser.ast;

import java.util.List;

/** The left side of {@code let} and of {@code for ... in}: a name, or a tuple of patterns. */
public sealed interface Pattern {
    Span span();

    record Bind(String name, Span span) implements Pattern {}

    record Tuple(List<Pattern> items, Span span) implements Pattern {}
}
