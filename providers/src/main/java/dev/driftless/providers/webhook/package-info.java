/**
 * Webhooks: the pure core that turns one HTTP delivery from a git host into an answer.
 *
 * <p>{@link dev.driftless.providers.webhook.WebhookHandler} takes a {@link
 * dev.driftless.providers.webhook.WebhookRequest} (provider, headers, raw body) and the secrets of
 * the sources configured for that provider, and returns a {@link
 * dev.driftless.providers.webhook.WebhookOutcome}: rejected, ping, ignored, duplicate or
 * accepted with normalised {@link dev.driftless.providers.webhook.PushEvent}s. It verifies the
 * signature before it parses a byte, parses JSON with hard limits, and never throws on hostile
 * input, so the daemon's HTTP controller stays a few lines of glue.
 *
 * <p>Nothing here touches the network, the disk or a clock of its own: the HTTP framework, the
 * metrics and the trigger queue live in the daemon. A push is a hint to look, not the truth:
 * the reconcile re-reads git whatever the payload says.
 */
package dev.driftless.providers.webhook;
