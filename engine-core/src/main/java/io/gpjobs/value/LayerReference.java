package io.gpjobs.value;

/**
 * A record or feature set given by reference rather than inline: a layer, table or JSON file URL, or an uploaded
 * item id, on the wire {@code {"url":"…/FeatureServer/0","filter":"POP > 1000","time":1199145600000}}.
 * A {@code "token"} sent alongside is not kept, so it is never stored or echoed; a token inside the URL's query
 * is kept as sent (redact it before storing).
 *
 * @param url    the URL, or null
 * @param itemID the id of an uploaded item, or null
 * @param filter a where clause, or null
 * @param time   epoch ms or {@code "<from>,<to>"}, as text; or null
 */
public record LayerReference(String url, String itemID, String filter, String time) {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException unless exactly one of url and itemID is given and not blank
     */
    public LayerReference {
        if (GPDataFile.count(url) + GPDataFile.count(itemID) != 1) {
            throw new IllegalArgumentException("a layer reference needs exactly one of url, itemID, got url=" + url
                    + ", itemID=" + itemID);
        }
    }

    /** A reference to {@code url} with no filter or time. */
    public static LayerReference ofUrl(String url) {
        return new LayerReference(url, null, null, null);
    }
}
