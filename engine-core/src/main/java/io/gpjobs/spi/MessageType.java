package io.gpjobs.spi;

/** The three message types the GP REST contract emits, with their wire names. */
public enum MessageType {
    INFORMATIVE("esriJobMessageTypeInformative"),
    WARNING("esriJobMessageTypeWarning"),
    ERROR("esriJobMessageTypeError");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, for example {@code esriJobMessageTypeWarning}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The type with the given wire name.
     *
     * @throws IllegalArgumentException naming the value when it is unknown
     */
    public static MessageType fromWireName(String wireName) {
        for (MessageType t : values()) {
            if (t.wireName.equals(wireName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown message type '" + wireName + "'");
    }
}
