package io.gpjobs.store.azure;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Azurite instance the integration tests use: the connection string from the system property
 * {@code gpjobs.azurite.connectionString}, the environment variable {@code GPJOBS_AZURITE_CONNECTION_STRING}, or
 * the env file {@code .ci/azurite.sh start} writes. Fails (never skips) with instructions when Azurite is absent.
 * Also hands out fresh container/table names and deletes them at the end.
 */
final class Azurite {

    static final String HOW_TO_START = "Azurite is not running: start it with "
            + "`bash .ci/azurite.sh install && bash .ci/azurite.sh start` (from the repository root), "
            + "or set GPJOBS_AZURITE_CONNECTION_STRING to a running emulator's connection string";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ENDPOINT = Pattern.compile("(Blob|Queue|Table)Endpoint=([^;]+)");
    private static volatile String cached;
    private static final Set<String> containers = ConcurrentHashMap.newKeySet();
    private static final Set<String> tables = ConcurrentHashMap.newKeySet();
    private static final Set<String> queues = ConcurrentHashMap.newKeySet();

    private Azurite() {
    }

    /** The running emulator's connection string; throws {@link AssertionError} with instructions when absent. */
    static String connectionString() {
        String cs = cached;
        if (cs == null) {
            cs = find();
            requireReachable(cs);
            cached = cs;
        }
        return cs;
    }

    private static String find() {
        String cs = System.getProperty("gpjobs.azurite.connectionString");
        if (cs == null || cs.isBlank()) {
            cs = System.getenv("GPJOBS_AZURITE_CONNECTION_STRING");
        }
        if (cs == null || cs.isBlank()) {
            String envFile = System.getProperty("gpjobs.azurite.envFile", "../.ci/.azurite.env");
            Path p = Path.of(envFile);
            if (Files.isRegularFile(p)) {
                try {
                    for (String line : Files.readAllLines(p)) {
                        if (line.startsWith("GPJOBS_AZURITE_CONNECTION_STRING=")) {
                            cs = line.substring(line.indexOf('=') + 1).trim();
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError(HOW_TO_START + " (could not read " + p + ": " + e + ")", e);
                }
            }
        }
        if (cs == null || cs.isBlank()) {
            throw new AssertionError(HOW_TO_START + " (no connection string found)");
        }
        return cs;
    }

    /** Checks that the blob and table endpoints accept TCP connections within 2 s. */
    static void requireReachable(String cs) {
        Matcher m = ENDPOINT.matcher(cs);
        int found = 0;
        while (m.find()) {
            found++;
            URI uri = URI.create(m.group(2));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            } catch (IOException e) {
                throw new AssertionError(HOW_TO_START + " (nothing listens at " + uri + ": " + e.getMessage() + ")", e);
            }
        }
        if (found < 2) {
            throw new AssertionError(HOW_TO_START + " (the connection string names no BlobEndpoint/TableEndpoint)");
        }
    }

    /** A fresh container name. */
    static String newContainer() {
        String name = "it-" + hex(8);
        containers.add(name);
        return name;
    }

    /** A fresh table name. */
    static String newTable() {
        String name = "it" + hex(8);
        tables.add(name);
        return name;
    }

    /** A fresh job queue name (its poison queue is deleted with it). */
    static String newQueue() {
        String name = "it-" + hex(8);
        queues.add(name);
        return name;
    }

    /** A config builder on the emulator with fresh names. */
    static AzureJobStoreConfig.Builder config() {
        return AzureJobStoreConfig.builder().connectionString(connectionString())
                .container(newContainer()).table(newTable());
    }

    /** The cloud-store data item of seed 000 pointing at the emulator, with fresh names. */
    static String cloudStoreJson(String name) {
        return "{\"path\":\"/cloudStores/" + name + "\",\"type\":\"cloudStore\",\"id\":\"31245-abcde\","
                + "\"provider\":\"azure\",\"info\":{\"isManaged\":false,\"connectionString\":\""
                + connectionString() + "\",\"objectStore\":\"" + newContainer() + "\",\"tableStore\":\""
                + newTable() + "\"}}";
    }

    /** Deletes the containers and tables this JVM created (best effort). */
    static void deleteCreated() {
        if (cached == null) {
            return;
        }
        BlobServiceClient blob = new BlobServiceClientBuilder().connectionString(cached).buildClient();
        TableServiceClient table = new TableServiceClientBuilder().connectionString(cached).buildClient();
        for (String c : List.copyOf(containers)) {
            try {
                blob.getBlobContainerClient(c).deleteIfExists();
                containers.remove(c);
            } catch (RuntimeException e) {
                // best effort: the emulator's memory is freed when it stops
            }
        }
        var queueService = new com.azure.storage.queue.QueueServiceClientBuilder().connectionString(cached)
                .buildClient();
        for (String q : List.copyOf(queues)) {
            try {
                queueService.getQueueClient(q).deleteIfExists();
                queueService.getQueueClient(q + "-poison").deleteIfExists();
                queues.remove(q);
            } catch (RuntimeException e) {
                // best effort
            }
        }
        for (String t : List.copyOf(tables)) {
            try {
                table.deleteTable(t);
                tables.remove(t);
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Settings for the provider's map-based open. */
    static Map<String, String> settings() {
        return Map.of("connectionString", connectionString(), "objectStore", newContainer(), "tableStore", newTable());
    }
}
