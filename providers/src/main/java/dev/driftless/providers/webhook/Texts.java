package dev.driftless.providers.webhook;

/**
 * Quoting of text that came from a request, for answers and log lines: short, one line, no
 * control characters, so a payload cannot forge log entries or bloat a response.
 */
final class Texts {

    private static final int MAX_SHOWN = 120;

    private Texts() {
    }

    static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        if (text.length() > MAX_SHOWN) {
            out.append('…');
        }
        return out.toString();
    }
}
