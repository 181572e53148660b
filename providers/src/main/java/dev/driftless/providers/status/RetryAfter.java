package dev.driftless.providers.status;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a provider asked Driftless to wait, read from its answer. RFC 9110 allows
 * {@code Retry-After} as a number of seconds or as an HTTP date; GitHub also announces the end of
 * an exhausted rate limit in {@code x-ratelimit-reset} (epoch seconds). Dates are read against
 * the injected clock, so tests move time instead of sleeping.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the {@code Retry-After} header asks for, if it is there and readable; never negative. */
    static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        Optional<String> header = headers.firstValue("Retry-After").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)); // absurdly long: no retry
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(until(at, clock));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // unreadable: fall back to our own backoff
        }
    }

    /** The wait until the epoch second in {@code header}, if it is there and readable; never negative. */
    static Optional<Duration> untilEpochSecond(HttpHeaders headers, String header, Clock clock) {
        try {
            return headers.firstValue(header).map(String::strip).map(Long::parseLong)
                    .map(Instant::ofEpochSecond).map(at -> until(at, clock));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Duration until(Instant at, Clock clock) {
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
