package io.gpjobs.store.azure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Azurite instance a test controls: started from the binary {@code .ci/azurite.sh install} put in place, on its
 * own free loopback ports, with its data in a folder (so it survives a restart), always with
 * {@code --silent --disableTelemetry --skipApiVersionCheck --loose}; stopped by its PID (SIGTERM, then SIGKILL).
 */
final class AzuriteProcess implements AutoCloseable {

    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Path binary;
    private final Path location;
    private final int blobPort;
    private final int queuePort;
    private final int tablePort;
    private Process process;

    AzuriteProcess(Path location) throws IOException {
        Path home = Path.of(System.getProperty("gpjobs.azurite.home", "../.ci/azurite"));
        this.binary = home.resolve("node_modules/.bin/azurite");
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("Azurite is not installed at " + binary
                    + ": run `bash .ci/azurite.sh install` from the repository root");
        }
        this.location = location;
        int[] ports = freePorts();
        this.blobPort = ports[0];
        this.queuePort = ports[1];
        this.tablePort = ports[2];
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocket c = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
        }
    }

    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + blobPort + "/devstoreaccount1"
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/devstoreaccount1"
                + ";TableEndpoint=http://127.0.0.1:" + tablePort + "/devstoreaccount1;";
    }

    /** Starts the emulator and waits (at most 60 s) until its blob and table ports accept connections. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(location);
        process = new ProcessBuilder(List.of(binary.toString(), "--silent", "--location", location.toString(),
                "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(blobPort),
                "--queueHost", "127.0.0.1", "--queuePort", String.valueOf(queuePort),
                "--tableHost", "127.0.0.1", "--tablePort", String.valueOf(tablePort)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(location.resolve("azurite.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(accepts(blobPort) && accepts(queuePort) && accepts(tablePort))) {
            if (!process.isAlive()) {
                throw new AssertionError("Azurite exited during startup: "
                        + Files.readString(location.resolve("azurite.log")));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new AssertionError("Azurite did not accept connections within 60 s");
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the emulator by its PID: SIGTERM, and SIGKILL after 15 s; waits until it and its children are gone. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping Azurite", e);
        }
    }
}
