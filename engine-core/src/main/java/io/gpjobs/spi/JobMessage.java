package io.gpjobs.spi;

import java.util.Objects;

/**
 * One job message: {@code {"type":"esriJobMessageType…","description":"…"}}.
 *
 * @param type        the message type, never null
 * @param description the text, never null
 */
public record JobMessage(MessageType type, String description) {
    public JobMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static JobMessage info(String description) {
        return new JobMessage(MessageType.INFORMATIVE, description);
    }

    public static JobMessage warning(String description) {
        return new JobMessage(MessageType.WARNING, description);
    }

    public static JobMessage error(String description) {
        return new JobMessage(MessageType.ERROR, description);
    }
}
