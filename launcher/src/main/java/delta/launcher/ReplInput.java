package delta.launcher;

import java.io.IOException;

/** Where the REPL's inputs come from: the terminal through JLine, or a pipe read line by line. */
interface ReplInput extends AutoCloseable {
    /**
     * The next complete input: one or more lines, as many as it takes to close every bracket and
     * block, or a {@code :command} line. Null at the end of input (Ctrl-D, or the pipe closed).
     */
    String read() throws IOException;

    @Override
    void close();
}
