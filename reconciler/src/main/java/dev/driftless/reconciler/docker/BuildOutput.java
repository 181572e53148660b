package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What an engine said while building: the last lines of its log (bounded, so a chatty build
 * cannot fill memory), the step it was at, and the error that ended it, if any. The values of
 * build arguments are masked in every line kept, since a build may echo them.
 */
final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {

    /** How much of the log is kept: its last 64 KiB. */
    static final int MAX_CHARS = 64 * 1024;
    /** How much of the log an error quotes at most. */
    static final int MAX_TAIL_CHARS = 3000;

    private final List<String> masked;
    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private String step = "";
    private String error = "";
    private String partial = "";

    /** @param secretValues values to mask in the log (build argument values) */
    BuildOutput(Collection<String> secretValues) {
        this.masked = secretValues.stream().filter(value -> value.length() >= 4).toList();
    }

    @Override
    public synchronized void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            String text = partial + item.getStream();
            int end;
            while ((end = text.indexOf('\n')) >= 0) {
                line(text.substring(0, end));
                text = text.substring(end + 1);
            }
            partial = text;
        }
        if (item.isErrorIndicated()) {
            failed(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : String.valueOf(item.getError()));
        }
    }

    /** The build ended with {@code message}: said by the engine, or by the connection to it. */
    synchronized void failed(String message) {
        error = mask(message);
        line("ERROR: " + error);
    }

    private void line(String raw) {
        String line = mask(raw.stripTrailing());
        if (line.startsWith("Step ")) {
            step = line;
        }
        lines.addLast(line);
        chars += line.length() + 1;
        while (chars > MAX_CHARS && lines.size() > 1) {
            chars -= lines.removeFirst().length() + 1;
        }
    }

    private String mask(String text) {
        String result = text;
        for (String value : masked) {
            result = result.replace(value, "***");
        }
        return result;
    }

    /** The error that ended the build, if it failed. */
    synchronized Optional<String> error() {
        return error.isEmpty() ? Optional.empty() : Optional.of(error);
    }

    /** The last step the engine started ("Step 2/3 : RUN make"), "" before the first. */
    synchronized String step() {
        return step;
    }

    /** The log kept, oldest line first. */
    synchronized String log() {
        if (!partial.isEmpty()) {
            line(partial);
            partial = "";
        }
        return String.join("\n", lines);
    }

    /**
     * The last {@code count} lines of the log, and at most their last {@value #MAX_TAIL_CHARS}
     * characters, so that an error quoting them fits the history's record whole.
     */
    synchronized String tail(int count) {
        List<String> all = List.of(log().split("\n"));
        String tail = String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
        return tail.length() <= MAX_TAIL_CHARS ? tail : "..." + tail.substring(tail.length() - MAX_TAIL_CHARS);
    }
}
