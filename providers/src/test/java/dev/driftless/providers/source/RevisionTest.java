package dev.driftless.providers.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionTest {

    private static final String ID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void theShortIdIsTheFirstTwelveCharacters() {
        assertThat(new Revision(ID, "Add web", "Alice <a@example.com>", AT).shortId()).isEqualTo("4b825dc642cb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4b825dc", "4B825DC642CB6EB9A060E54BF8D69288FBEE4904", "HEAD", "4b825dc642cb6eb9a060e54bf8d69288fbee490z"})
    void anythingButAFullLowerCaseCommitIdIsRefused(String id) {
        assertThatThrownBy(() -> new Revision(id, "Add web", "Alice <a@example.com>", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubjectIsOneLine() {
        assertThatThrownBy(() -> new Revision(ID, "Add web\n\nbody", "Alice <a@example.com>", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Add web|Add web",
        "Add web\\nsecond line of the paragraph|Add web",
        "Add web  \\r\\nbody|Add web",
        "|''",
    })
    void theSubjectOfACommitMessageIsItsFirstLine(String message, String subject) {
        assertThat(Commits.subject(message == null ? "" : message.replace("\\n", "\n").replace("\\r", "\r")))
                .isEqualTo(subject == null ? "" : subject);
    }
}
