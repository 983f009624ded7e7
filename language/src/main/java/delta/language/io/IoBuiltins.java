package delta.language.io;

import delta.language.builtins.Builtin;
import java.util.ArrayList;
import java.util.List;

/**
 * Builtins that touch files and the terminal: the data readers (read_csv, read_npy, read_idx),
 * safetensors, progress bars and plots. None has a derivative. The stdlib modules datasets, io,
 * progress and plot are thin Delta layers over them (docs/stdlib-io.md).
 */
public final class IoBuiltins {
    private IoBuiltins() {}

    public static List<Builtin> all() {
        List<Builtin> all = new ArrayList<>();
        all.addAll(Readers.all());
        all.addAll(TextFiles.all());
        all.addAll(Safetensors.all());
        all.addAll(Progress.all());
        all.addAll(Plot.all());
        return all;
    }
}
