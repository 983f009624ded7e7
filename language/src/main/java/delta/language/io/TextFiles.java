package delta.language.io;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import delta.language.builtins.Builtin;
import delta.language.builtins.BuiltinRootNode;
import delta.language.runtime.DeltaNone;
import delta.language.runtime.Values;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** read_text and write_text: UTF-8 text files, read through the context's file system, written whole or not at all. */
final class TextFiles {
    private TextFiles() {}

    static List<Builtin> all() {
        return List.of(
            IoSupport.of("read_text", 1, 1, "read_text(path)", "the content of a UTF-8 text file as a str (gunzipped when the name ends in .gz)",
                (site, args) -> read(site, IoSupport.string(site, args, 0))),
            IoSupport.of("write_text", 2, 2, "write_text(path, text)",
                "writes the str text to path as UTF-8, replacing the file whole or not at all (a temporary file, then a move); returns none",
                (site, args) -> write(site, args)));
    }

    @TruffleBoundary
    private static Object read(BuiltinRootNode site, String path) {
        byte[] bytes = IoSupport.readAll(site, path);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw IoSupport.error(site, "cannot read " + IoSupport.quote(path) + ": it is not UTF-8 text");
        }
    }

    @TruffleBoundary
    private static Object write(BuiltinRootNode site, Object[] args) {
        String path = IoSupport.string(site, args, 0);
        if (!(args[1] instanceof String text)) {
            throw IoSupport.error(site, "writes a str, got " + Values.describe(args[1]) + "; use str(x) or an f-string to make one");
        }
        IoSupport.writeAtomically(site, path, text.getBytes(StandardCharsets.UTF_8));
        return DeltaNone.INSTANCE;
    }
}
