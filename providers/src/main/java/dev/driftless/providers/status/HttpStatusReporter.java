package dev.driftless.providers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CommitStatusReporter} over HTTP for any {@link ProviderApi}: builds the documented
 * request, sends it with a deadline, classifies the answer, and lets Resilience4j retry what may
 * pass (server errors, network errors, rate limits) behind the API host's circuit breaker.
 *
 * <p>Each attempt is asynchronous and so are the waits between attempts, which are scheduled on
 * {@link StatusClients}' scheduler (a test's scheduler records them instead of sleeping);
 * {@link #report} waits for the end, with an overall deadline so that nothing can hang it.
 */
final class HttpStatusReporter implements CommitStatusReporter {

    private static final int ANSWER_LIMIT = 4096;
    private static final int DETAIL_LIMIT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderApi api;
    private final Credential credential;
    private final StatusClients clients;

    HttpStatusReporter(ProviderApi api, Credential credential, StatusClients clients) {
        this.api = Objects.requireNonNull(api, "api");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.clients = Objects.requireNonNull(clients, "clients");
        api.requireSupported(credential);
    }

    @Override
    public ReportOutcome report(RepositoryRef repository, CommitStatus status) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(status, "status");
        Provider provider = api.provider();
        if (repository.provider() != provider) {
            throw new IllegalArgumentException("a " + provider.displayName() + " reporter was given " + repository);
        }
        if (clients.closed()) {
            return new ReportOutcome.Unavailable(provider, "the status clients are closed (shutting down)", 0);
        }
        HttpRequest request = request(repository, status);
        CircuitBreaker breaker = clients.breaker(repository.apiHost());
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Attempt> lastSent = new AtomicReference<>();
        CompletableFuture<Attempt> result = clients.retry()
                .executeCompletionStage(clients.scheduler(), () -> attempt(request, breaker, sent, lastSent))
                .toCompletableFuture();
        Attempt last;
        try {
            last = result.get(clients.longestReport().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return new ReportOutcome.Unavailable(provider, "interrupted before the report finished", sent.get());
        } catch (TimeoutException e) {
            result.cancel(true);
            return new ReportOutcome.Unavailable(provider, "no result within " + clients.longestReport().toSeconds()
                    + " s", sent.get());
        } catch (ExecutionException | CancellationException e) {
            // Attempts complete normally by design; this is a rejected retry schedule at shutdown.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new ReportOutcome.Unavailable(provider, credential.redact(describe(cause)), sent.get());
        }
        return outcome(last, sent.get(), lastSent.get(), repository);
    }

    private HttpRequest request(RepositoryRef repository, CommitStatus status) {
        String description = api.provider().fit(status.description());
        Optional<URI> link = status.targetUrl().or(clients.options()::defaultTargetUrl);
        byte[] body = api.body(status, description, link).toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.endpoint(repository, status.commitSha()))
                .timeout(clients.options().requestTimeout())
                .header("Accept", api.accept())
                .header("Content-Type", "application/json")
                .header("User-Agent", clients.options().userAgent())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        api.authenticate(builder, credential);
        return builder.build();
    }

    private CompletableFuture<Attempt> attempt(
            HttpRequest request, CircuitBreaker breaker, AtomicInteger sent, AtomicReference<Attempt> lastSent) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(Attempt.circuitOpen());
        }
        sent.incrementAndGet();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = clients.http().sendAsync(request, info -> new LimitedBody(ANSWER_LIMIT));
        } catch (RuntimeException e) {
            breaker.releasePermission();
            Attempt refused = new Attempt(Attempt.Kind.REFUSED, 0, Optional.empty(), false,
                    "the request could not be sent: " + credential.redact(describe(e)));
            lastSent.set(refused);
            return CompletableFuture.completedFuture(refused);
        }
        // The request timeout covers the wait for the answer's head; this deadline covers it all.
        Duration deadline = clients.options().connectTimeout().plus(clients.options().requestTimeout());
        return exchange.copy()
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        exchange.cancel(true);
                    }
                    Attempt attempt = error == null ? classify(response) : Attempt.networkError(networkDetail(error));
                    breaker.onResult(System.nanoTime() - start, TimeUnit.NANOSECONDS, attempt);
                    lastSent.set(attempt);
                    return attempt;
                });
    }

    private Attempt classify(HttpResponse<String> response) {
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return new Attempt(Attempt.Kind.ACCEPTED, code, Optional.empty(), false, "HTTP " + code);
        }
        if (api.rateLimited(code, response.headers())) {
            Optional<Duration> wait = api.retryAfter(response.headers(), clients.clock());
            boolean willWait = wait.map(w -> w.compareTo(clients.options().maxRetryAfter()) <= 0).orElse(true);
            String detail = "rate limited (HTTP " + code + ")"
                    + wait.map(w -> willWait ? ", asked to wait " + seconds(w)
                            : "; it asks to wait " + seconds(w) + ", longer than the "
                                    + seconds(clients.options().maxRetryAfter()) + " Driftless waits").orElse("");
            return new Attempt(Attempt.Kind.RATE_LIMITED, code, wait, willWait, detail);
        }
        if (code >= 500) {
            return new Attempt(Attempt.Kind.SERVER_ERROR, code, Optional.empty(), true,
                    "HTTP " + code + explanation(response.body()));
        }
        if (code >= 300 && code < 400) {
            String location = response.headers().firstValue("Location").map(RepositoryRef::redact).orElse("elsewhere");
            return new Attempt(Attempt.Kind.REFUSED, code, Optional.empty(), false, "redirected to " + location
                    + "; requests are not followed (they carry the token), configure the API base URL the"
                    + " redirect points to");
        }
        return new Attempt(Attempt.Kind.REFUSED, code, Optional.empty(), false, hint(code) + explanation(response.body()));
    }

    private ReportOutcome outcome(Attempt last, int sent, Attempt lastSent, RepositoryRef repository) {
        Provider provider = api.provider();
        return switch (last.kind()) {
            case ACCEPTED -> new ReportOutcome.Published(provider, last.httpStatus(), sent);
            case REFUSED -> new ReportOutcome.Rejected(provider, last.httpStatus(), last.detail());
            case RATE_LIMITED, SERVER_ERROR, NETWORK_ERROR -> new ReportOutcome.Unavailable(provider, last.detail(), sent);
            case CIRCUIT_OPEN -> sent == 0 || lastSent == null
                    ? new ReportOutcome.CircuitOpen(provider, repository.apiHost())
                    : new ReportOutcome.Unavailable(provider, lastSent.detail() + "; then the circuit opened", sent);
        };
    }

    private static String hint(int code) {
        return switch (code) {
            case 401 -> "the token was not accepted (missing, expired or revoked)";
            case 403 -> "the token may not write commit statuses to this repository";
            case 404 -> "the repository or commit was not found, or the token cannot see it";
            case 422 -> "the provider refused the status as invalid";
            default -> "HTTP " + code;
        };
    }

    /** The provider's own explanation from a JSON error body, else the start of the body, redacted. */
    private String explanation(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json.path("message");
            if (!message.isTextual()) {
                message = json.path("error").isTextual() ? json.path("error") : json.path("error").path("message");
            }
            if (message.isTextual()) {
                text = message.asText();
            }
        } catch (IOException e) {
            // not JSON (an HTML error page from a proxy): keep the raw start
        }
        String line = credential.redact(text).replaceAll("\\s+", " ").strip();
        if (line.length() > DETAIL_LIMIT) {
            line = line.substring(0, DETAIL_LIMIT) + "...";
        }
        return line.isEmpty() ? "" : ": " + line;
    }

    private String networkDetail(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String what;
        if (cause instanceof HttpConnectTimeoutException) {
            what = "no connection within " + seconds(clients.options().connectTimeout());
        } else if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            what = "no answer within " + seconds(clients.options().requestTimeout());
        } else {
            what = describe(cause);
        }
        return credential.redact(what);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error instanceof java.net.ConnectException ? "connection refused"
                : error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
