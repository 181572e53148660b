package dev.driftless.reconciler.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's build stream, as the engine sends it (JSON items), turned into what a user reads. */
class BuildOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void followsTheStepsJoinsSplitLinesAndKeepsTheError() throws Exception {
        BuildOutput output = new BuildOutput(List.of());
        send(output, Map.of("stream", "Step 1/2 : FROM busybox:1.36\n ---> a47c4a994991\n"));
        send(output, Map.of("stream", "Step 2/2 : RUN make"));
        send(output, Map.of("stream", "\nmake: nothing to do\n"));
        send(output, Map.of("error", "The command returned a non-zero code: 2",
                "errorDetail", Map.of("code", 2, "message", "The command returned a non-zero code: 2")));

        assertThat(output.step()).isEqualTo("Step 2/2 : RUN make");
        assertThat(output.error()).hasValue("The command returned a non-zero code: 2");
        assertThat(output.tail(2)).isEqualTo("make: nothing to do\nERROR: The command returned a non-zero code: 2");
    }

    @Test
    void masksBuildArgumentValuesInEveryLineKept() throws Exception {
        BuildOutput output = new BuildOutput(List.of("s3cr3t-token", "no"));
        send(output, Map.of("stream", "Step 2/3 : RUN echo s3cr3t-token > /tmp/t\n"));
        output.failed("pull access denied with s3cr3t-token");

        assertThat(output.log()).doesNotContain("s3cr3t-token").contains("echo *** > /tmp/t")
                .contains("pull access denied with ***")
                .as("values too short to be secrets are left alone, or every 'no' would go").contains("denied");
        assertThat(output.error()).hasValue("pull access denied with ***");
    }

    @Test
    void keepsABoundedTailOfAChattyBuild() throws Exception {
        BuildOutput output = new BuildOutput(List.of());
        String line = "x".repeat(99) + "\n";
        for (int i = 0; i < 2_000; i++) {
            send(output, Map.of("stream", line));
        }

        assertThat(output.log().length()).isLessThanOrEqualTo(BuildOutput.MAX_CHARS);
        assertThat(output.tail(100).length()).isLessThanOrEqualTo(BuildOutput.MAX_TAIL_CHARS + 3);
    }

    private static void send(BuildOutput output, Map<String, Object> item) throws Exception {
        output.onNext(JSON.readValue(JSON.writeValueAsString(item), BuildResponseItem.class));
    }
}
