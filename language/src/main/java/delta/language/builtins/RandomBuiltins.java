package delta.language.builtins;

import delta.language.runtime.DeltaNone;
import delta.language.tensor.TensorBuiltins;
import java.util.List;

/**
 * A seeded generator, so runs are reproducible: every context starts from seed 0, and seed(n)
 * restarts the sequence.
 */
final class RandomBuiltins {
    private RandomBuiltins() {}

    static List<Builtin> all() {
        return List.of(
            new Builtin("seed", 1, 1, "seed(n)", "restarts the random generator from seed n", (site, args) -> {
                site.context().reseed(Arguments.integer(site, args, 0));
                return DeltaNone.INSTANCE;
            }),
            new Builtin("rand", 0, 2, "rand() or rand(shape[, dtype])", "a float drawn uniformly from [0, 1), or a tensor of them",
                (site, args) -> args.length == 0 ? site.context().random().nextDouble() : TensorBuiltins.random(site, args, false)),
            new Builtin("randn", 0, 2, "randn() or randn(shape[, dtype])", "a float drawn from the standard normal distribution, or a tensor of them",
                (site, args) -> args.length == 0 ? site.context().random().nextGaussian() : TensorBuiltins.random(site, args, true)),
            new Builtin("randint", 2, 2, "randint(lo, hi)", "an int drawn uniformly from lo to hi, both included", (site, args) -> {
                long lo = Arguments.integer(site, args, 0);
                long hi = Arguments.integer(site, args, 1);
                if (hi < lo) {
                    throw Arguments.error(site, "empty range: " + lo + " > " + hi);
                }
                return site.context().random().nextLong(lo, hi == Long.MAX_VALUE ? hi : hi + 1);
            }));
    }
}
