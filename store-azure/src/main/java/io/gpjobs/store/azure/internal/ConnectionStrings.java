package io.gpjobs.store.azure.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Checks and describes storage connection strings without ever revealing their secrets. Stateless. */
public final class ConnectionStrings {

    private static final String HINT = " (expected 'UseDevelopmentStorage=true' or"
            + " 'DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net';"
            + " the value is not shown because it holds the account key)";

    private ConnectionStrings() {
    }

    /** The {@code key=value} pairs of a connection string; keys are case-insensitive (lower-cased here). */
    static Map<String, String> parse(String cs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : cs.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("connectionString is not an Azure storage connection string" + HINT);
            }
            out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * Checks that {@code cs} is a storage connection string with credentials and endpoints.
     *
     * @throws IllegalArgumentException naming the setting (never echoing the value) when it is not
     */
    public static void validate(String cs) {
        Map<String, String> kv = parse(cs);
        if ("true".equalsIgnoreCase(kv.get("usedevelopmentstorage"))) {
            return;
        }
        boolean keyed = kv.containsKey("accountname") && kv.containsKey("accountkey");
        boolean sas = kv.containsKey("sharedaccesssignature");
        if (!keyed && !sas) {
            throw new IllegalArgumentException("connectionString has no AccountName/AccountKey or SharedAccessSignature"
                    + HINT);
        }
        if (keyed) {
            try {
                java.util.Base64.getDecoder().decode(kv.get("accountkey"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connectionString has an AccountKey that is not base64" + HINT);
            }
        }
        boolean endpoints = kv.containsKey("blobendpoint") && kv.containsKey("tableendpoint");
        if (!endpoints && !kv.containsKey("accountname")) {
            throw new IllegalArgumentException("connectionString must name both BlobEndpoint and TableEndpoint" + HINT);
        }
    }

    /**
     * Whether the account's queue endpoint is known: named, or implied (development storage, or an account name
     * without explicit blob and table endpoints).
     */
    static boolean hasQueueEndpoint(String cs) {
        Map<String, String> kv = parse(cs);
        return "true".equalsIgnoreCase(kv.get("usedevelopmentstorage")) || kv.containsKey("queueendpoint")
                || !(kv.containsKey("blobendpoint") || kv.containsKey("tableendpoint"));
    }

    /** A description safe to log: the account name and endpoints, no key, no signature. */
    public static String describe(String cs) {
        if (cs == null) {
            return "null";
        }
        Map<String, String> kv;
        try {
            kv = parse(cs);
        } catch (IllegalArgumentException e) {
            return "<unparseable>";
        }
        if ("true".equalsIgnoreCase(kv.get("usedevelopmentstorage"))) {
            return "development storage (127.0.0.1 default ports)";
        }
        StringBuilder sb = new StringBuilder(kv.getOrDefault("accountname", "<sas>"));
        if (kv.containsKey("blobendpoint")) {
            sb.append(" blob=").append(kv.get("blobendpoint"));
        }
        if (kv.containsKey("tableendpoint")) {
            sb.append(" table=").append(kv.get("tableendpoint"));
        }
        return sb.toString();
    }
}
