package delta.language.builtins;

import delta.language.runtime.DeltaFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place that knows every builtin: builds their function values for a new context. */
public final class BuiltinRegistry {
    private static final List<Builtin> ALL = collect();

    private BuiltinRegistry() {}

    private static List<Builtin> collect() {
        List<Builtin> all = new ArrayList<>();
        all.addAll(CoreBuiltins.all());
        all.addAll(MathBuiltins.all());
        all.addAll(TextBuiltins.all());
        all.addAll(StringBuiltins.all());
        all.addAll(SortOrder.all());
        all.addAll(Membership.all());
        all.addAll(RandomBuiltins.all());
        all.addAll(delta.language.ad.AdBuiltins.all());
        all.addAll(IntrospectionBuiltins.all());
        all.addAll(delta.language.tensor.TensorBuiltins.all());
        all.addAll(delta.language.io.IoBuiltins.all());
        return List.copyOf(all);
    }

    public static List<Builtin> all() {
        return ALL;
    }

    /** Function values for every builtin, by name. */
    public static Map<String, Object> install(com.oracle.truffle.api.TruffleLanguage<?> language) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Builtin builtin : ALL) {
            BuiltinRootNode root = new BuiltinRootNode(language, builtin);
            String[] parameters = new String[Math.max(builtin.minArity(), 0)];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = "arg" + i;
            }
            values.put(builtin.name(), new DeltaFunction(root.getCallTarget(), builtin.name(), parameters, builtin.minArity(),
                            builtin.maxArity() < 0 ? DeltaFunction.VARIADIC : builtin.maxArity(), null));
        }
        return values;
    }
}
