package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPException;
import io.gpjobs.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The uploaded items of the services ({@code uploads/upload}): each in its own folder {@code <dir>/<itemID>/} with
 * the file (its name reduced to safe characters) and an {@code item.properties} (service, owner, name, description,
 * date, size). Item ids are {@code i} + 32 lowercase hex characters from {@link SecureRandom} and are checked before
 * any file is touched; an item is found only under the service it was uploaded to, and only by its uploader when
 * it has one. An input {@code {"itemID":"i…"}} is resolved to {@code {"url":"file:…"}} of the item's file.
 * Thread-safe (each item is written to a temporary folder and renamed into place).
 */
public final class Uploads {
    private static final Pattern ITEM_ID = Pattern.compile("i[0-9a-f]{32}");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String META = "item.properties";

    private final Path dir;
    private final long maxBytes;
    private final Set<String> types;
    private final Clock clock;

    /**
     * An upload store in {@code dir} (created when missing).
     *
     * @param types allowed extensions (lower case); empty allows every one
     * @throws UncheckedIOException when the folder cannot be created
     */
    public Uploads(Path dir, long maxBytes, Set<String> types, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.types = Set.copyOf(types);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the uploads folder " + this.dir, e);
        }
    }

    /**
     * An uploaded item.
     *
     * @param itemID      its id
     * @param itemName    the file name it is stored under
     * @param description the uploader's description ("" when none)
     * @param date        when it was uploaded, epoch milliseconds
     * @param service     the service it belongs to
     * @param owner       the uploader, or "" when anonymous
     * @param size        its size in bytes
     */
    public record Item(String itemID, String itemName, String description, long date, String service, String owner,
                       long size) {

        /** The item JSON of the uploads resources. */
        public ObjectNode json() {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("itemID", itemID);
            o.put("itemName", itemName);
            o.put("description", description);
            o.put("date", date);
            o.put("committed", true);
            o.put("size", size);
            return o;
        }
    }

    /**
     * Stores an uploaded file.
     *
     * @throws InvalidInputException naming the file when its type is not allowed
     * @throws GPException           413 when it is larger than the upload limit
     */
    public Item put(String service, String owner, RestRequest.FilePart file, String description) {
        String name = safeName(file.fileName());
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!types.isEmpty() && !types.contains(ext)) {
            throw new InvalidInputException("parameter 'file': type '" + (ext.isEmpty() ? "(none)" : ext)
                    + "' of '" + Format.clip(name) + "' is not allowed; allowed: " + String.join(", ",
                    types.stream().sorted().toList()));
        }
        tooLarge(file.size(), name);
        byte[] idBytes = new byte[16];
        RANDOM.nextBytes(idBytes);
        String id = "i" + HexFormat.of().formatHex(idBytes);
        Path tmp = dir.resolve("." + id + ".tmp");
        try {
            Files.createDirectories(tmp);
            long size;
            try (InputStream in = file.content().open(); OutputStream out = Files.newOutputStream(tmp.resolve(name))) {
                size = copy(in, out, name);
            }
            Item item = new Item(id, name, description == null ? "" : description, clock.millis(), service,
                    owner == null ? "" : owner, size);
            Properties p = new Properties();
            p.setProperty("service", service);
            p.setProperty("owner", item.owner());
            p.setProperty("itemName", name);
            p.setProperty("description", item.description());
            p.setProperty("date", Long.toString(item.date()));
            p.setProperty("size", Long.toString(size));
            try (Writer w = Files.newBufferedWriter(tmp.resolve(META), StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return item;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an upload", e);
        } finally {
            deleteTree(tmp);
        }
    }

    private long copy(InputStream in, OutputStream out, String name) throws IOException {
        byte[] buf = new byte[16384];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            tooLarge(total, name);
            out.write(buf, 0, n);
        }
        return total;
    }

    private void tooLarge(long size, String name) {
        if (size > maxBytes) {
            throw new GPException(413, "File too large.", List.of("upload '" + Format.clip(name) + "' is larger than"
                    + " the limit of " + maxBytes + " bytes"));
        }
    }

    /**
     * An item of {@code service}.
     *
     * @throws InvalidInputException naming the value when the id is malformed
     * @throws GPException           404 when the service has no such item (or it is someone else's)
     */
    public Item get(String service, String owner, String itemId) {
        if (itemId == null || !ITEM_ID.matcher(itemId).matches()) {
            throw new InvalidInputException("itemID: '" + Format.clip(String.valueOf(itemId)) + "' is not an item id"
                    + " (i followed by 32 hex digits)");
        }
        Path meta = dir.resolve(itemId).resolve(META);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw notFound(service, itemId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + itemId, e);
        }
        String itemOwner = p.getProperty("owner", "");
        if (!service.equals(p.getProperty("service")) || (!itemOwner.isEmpty() && !itemOwner.equals(owner))) {
            throw notFound(service, itemId);
        }
        return new Item(itemId, p.getProperty("itemName"), p.getProperty("description", ""),
                Long.parseLong(p.getProperty("date", "0")), service, itemOwner, Long.parseLong(p.getProperty("size",
                "0")));
    }

    private static GPException notFound(String service, String itemId) {
        return new GPException(404, "Item not found.", List.of("service '" + service + "' has no uploaded item '"
                + itemId + "'"));
    }

    /** Deletes an item. @throws GPException as {@link #get} */
    public void delete(String service, String owner, String itemId) {
        get(service, owner, itemId);
        deleteTree(dir.resolve(itemId));
    }

    /** The file of an item. @throws GPException as {@link #get} */
    public Path file(String service, String owner, String itemId) {
        Item i = get(service, owner, itemId);
        return dir.resolve(i.itemID()).resolve(i.itemName());
    }

    /**
     * An input value with its uploaded item resolved: a JSON object with an {@code itemID} becomes the same object
     * with {@code url} (a {@code file:} URL of the item's file) instead; any other value is returned unchanged.
     *
     * @throws InvalidInputException naming the parameter and item when the item is unknown
     */
    public String resolve(String service, String owner, String param, String value) {
        String v = value.trim();
        if (!v.startsWith("{") || !v.contains("itemID")) {
            return value;
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(v);
        } catch (IOException e) {
            return value; // not JSON: the engine names the parameter and value
        }
        if (!(n instanceof ObjectNode o) || !o.path("itemID").isTextual()) {
            return value;
        }
        Path f;
        try {
            f = file(service, owner, o.get("itemID").asText());
        } catch (GPException e) {
            throw new InvalidInputException("parameter '" + param + "': " + String.join("; ", e.details().isEmpty()
                    ? List.of(e.envelopeMessage()) : e.details()));
        }
        ObjectNode out = o.deepCopy();
        out.remove("itemID");
        out.put("url", f.toUri().toString());
        return out.toString();
    }

    /** Reduces a client file name to its last segment of letters, digits, dot, dash and underscore. */
    static String safeName(String fileName) {
        String n = fileName == null ? "" : fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        while (n.startsWith(".")) {
            n = n.substring(1);
        }
        if (n.isEmpty()) {
            n = "upload";
        }
        return n.length() > 100 ? n.substring(n.length() - 100) : n;
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }
}
