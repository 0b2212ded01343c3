package io.gpjobs.rest.internal;

import io.gpjobs.InvalidInputException;
import java.util.Locale;

/** The {@code f} parameter: what shape an answer takes. */
public enum Format {
    /** Compact JSON. */
    JSON,
    /** Indented JSON. */
    PJSON,
    /** A Services Directory page (the default, as on ArcGIS Server). */
    HTML,
    /** An image (the result map's {@code export}). */
    IMAGE;

    /**
     * The format of an {@code f} value (any case); HTML when absent or empty.
     *
     * @throws InvalidInputException naming the value when it is none of json, pjson, html, image
     */
    public static Format of(String f) {
        if (f == null || f.isBlank()) {
            return HTML;
        }
        return switch (f.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "pjson" -> PJSON;
            case "html" -> HTML;
            case "image" -> IMAGE;
            default -> throw new InvalidInputException("parameter 'f': unsupported format '" + clip(f)
                    + "'; this server answers json, pjson, html (and image for a result map export)");
        };
    }

    /** The format of an error answer for a request of this format: JSON for everything but HTML. */
    public static Format lenient(String f) {
        try {
            Format x = of(f);
            return x == IMAGE ? JSON : x;
        } catch (InvalidInputException e) {
            return JSON;
        }
    }

    /** At most 80 characters of a client value, for messages. */
    public static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
