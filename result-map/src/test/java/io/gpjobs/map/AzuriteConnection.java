package io.gpjobs.map;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azurite instance of the integration tests, found as store-azure's tests find it: the system property
 * {@code gpjobs.azurite.connectionString}, the variable {@code GPJOBS_AZURITE_CONNECTION_STRING}, or the env file
 * {@code .ci/azurite.sh start} writes. Fails (never skips) with instructions when Azurite is absent.
 */
final class AzuriteConnection {

    static final String HOW_TO_START = "Azurite is not running: start it with "
            + "`bash .ci/azurite.sh install && bash .ci/azurite.sh start` (from the repository root), "
            + "or set GPJOBS_AZURITE_CONNECTION_STRING to a running emulator's connection string";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ENDPOINT = Pattern.compile("(Blob|Table)Endpoint=([^;]+)");
    private static final Set<String> CONTAINERS = ConcurrentHashMap.newKeySet();
    private static final Set<String> TABLES = ConcurrentHashMap.newKeySet();

    private AzuriteConnection() {
    }

    static String connectionString() {
        String cs = System.getProperty("gpjobs.azurite.connectionString");
        if (cs == null || cs.isBlank()) {
            cs = System.getenv("GPJOBS_AZURITE_CONNECTION_STRING");
        }
        if (cs == null || cs.isBlank()) {
            Path p = Path.of(System.getProperty("gpjobs.azurite.envFile", "../.ci/.azurite.env"));
            if (Files.isRegularFile(p)) {
                try {
                    for (String line : Files.readAllLines(p)) {
                        if (line.startsWith("GPJOBS_AZURITE_CONNECTION_STRING=")) {
                            cs = line.substring(line.indexOf('=') + 1).trim();
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError(HOW_TO_START + " (could not read " + p + ")", e);
                }
            }
        }
        if (cs == null || cs.isBlank()) {
            throw new AssertionError(HOW_TO_START + " (no connection string found)");
        }
        Matcher m = ENDPOINT.matcher(cs);
        while (m.find()) {
            URI uri = URI.create(m.group(2));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            } catch (IOException e) {
                throw new AssertionError(HOW_TO_START + " (nothing listens at " + uri + ")", e);
            }
        }
        return cs;
    }

    /** A cloud-store data item named {@code name} on the emulator, with a fresh container and table. */
    static String cloudStoreJson(String name) {
        String container = "it-map-" + hex();
        String table = "itmap" + hex();
        CONTAINERS.add(container);
        TABLES.add(table);
        return "{\"path\":\"/cloudStores/" + name + "\",\"type\":\"cloudStore\",\"provider\":\"azure\",\"info\":{"
                + "\"isManaged\":false,\"connectionString\":\"" + connectionString() + "\",\"objectStore\":\""
                + container + "\",\"tableStore\":\"" + table + "\"}}";
    }

    /** Deletes the containers and tables this JVM created (best effort). */
    static void deleteCreated() {
        if (CONTAINERS.isEmpty() && TABLES.isEmpty()) {
            return;
        }
        String cs = connectionString();
        BlobServiceClient blob = new BlobServiceClientBuilder().connectionString(cs).buildClient();
        TableServiceClient table = new TableServiceClientBuilder().connectionString(cs).buildClient();
        for (String c : List.copyOf(CONTAINERS)) {
            try {
                blob.getBlobContainerClient(c).deleteIfExists();
                CONTAINERS.remove(c);
            } catch (RuntimeException e) {
                // best effort: the in-memory emulator frees everything when it stops
            }
        }
        for (String t : List.copyOf(TABLES)) {
            try {
                table.deleteTable(t);
                TABLES.remove(t);
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }

    private static String hex() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
