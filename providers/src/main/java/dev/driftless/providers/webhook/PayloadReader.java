package dev.driftless.providers.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a verified body into a JSON tree within {@link WebhookLimits}: nesting depth, string
 * and name length, number length, token count and document length are all capped, duplicate keys
 * and trailing content are refused (two parsers could read such a body differently). Forms
 * ({@code application/x-www-form-urlencoded} with a {@code payload} field, which GitHub, Gitea
 * and Gogs offer as a content type) are unwrapped first; the signature covered the form bytes.
 */
final class PayloadReader {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final ObjectMapper mapper;
    private final WebhookLimits limits;

    PayloadReader(WebhookLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(Math.min(limits.maxStringLength(), 4096))
                .maxNumberLength(100)
                .maxDocumentLength(limits.maxBodyBytes())
                .maxTokenCount(limits.maxTokenCount())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The body as a JSON object.
     *
     * @param emptyIsObject whether an empty body reads as {@code {}} (the generic provider, whose
     *     Flux-style senders often post nothing)
     */
    JsonNode readObject(WebhookRequest request, boolean emptyIsObject) throws MalformedPayloadException {
        byte[] json = unwrapForm(request);
        if (isBlank(json)) {
            if (emptyIsObject) {
                return mapper.createObjectNode();
            }
            throw new MalformedPayloadException("the body is empty; a JSON object was expected");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new MalformedPayloadException("the JSON body exceeds a parsing limit: " + Texts.shown(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException("the body is not valid JSON" + where(e.getLocation()) + ": "
                    + Texts.shown(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedPayloadException("the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("the body is JSON but not an object");
        }
        return root;
    }

    private byte[] unwrapForm(WebhookRequest request) throws MalformedPayloadException {
        boolean form = request.header("Content-Type")
                .map(type -> type.strip().toLowerCase(Locale.ROOT).startsWith(FORM))
                .orElse(false);
        if (!form) {
            return request.rawBody();
        }
        String text = new String(request.rawBody(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals("payload")) {
                try {
                    byte[] payload = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    if (payload.length > limits.maxBodyBytes()) {
                        throw new MalformedPayloadException("the form's payload field is larger than the body limit");
                    }
                    return payload;
                } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                    throw new MalformedPayloadException("the form body has an invalid %-escape in its payload field");
                }
            }
        }
        throw new MalformedPayloadException("the form body has no payload field");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
