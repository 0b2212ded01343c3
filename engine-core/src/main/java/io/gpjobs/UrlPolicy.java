package io.gpjobs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which URLs given as job inputs the engine accepts and lets tasks open (against server-side request forgery).
 * Set by the host on {@link GPEngine.Builder#remoteUrls}; the default, {@link #none()}, accepts no remote URL.
 *
 * <p>A remote ({@code http}/{@code https}) URL is accepted when its host matches one of the allowed host patterns
 * and every address the host resolves to is public: loopback, link-local, site-local (private), unique-local IPv6,
 * carrier-grade NAT ({@code 100.64.0.0/10}), the any-local and "this network" addresses, broadcast and multicast
 * are refused unless they fall in a range given to {@link #allowInternalAddresses}. The check runs at submit
 * (the job is refused, nothing stored) and again when a task opens the URL through
 * {@link io.gpjobs.spi.TaskContext#openUrl}, on the address actually connected to, at every redirect.
 *
 * <p>{@code file:} URLs are accepted when they name a readable local file; with {@link #allowFileRoots} only files
 * under one of the given folders (after resolving links).
 *
 * <p>Immutable and thread-safe; each {@code allow…} method returns a new policy.
 */
public final class UrlPolicy {

    /**
     * Resolves a host name to its addresses (default: {@link InetAddress#getAllByName}). Must be thread-safe.
     */
    @FunctionalInterface
    public interface Resolver {
        /**
         * The addresses of {@code host}.
         *
         * @throws UnknownHostException when the host has none
         */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*"
            + "[a-z0-9])?)*|[0-9a-f:.]+");
    private static final UrlPolicy NONE = new UrlPolicy(List.of(), List.of(), null, InetAddress::getAllByName);

    private final List<String> hosts;
    private final List<AddressRange> internal;
    private final List<Path> fileRoots;
    private final Resolver resolver;

    private UrlPolicy(List<String> hosts, List<AddressRange> internal, List<Path> fileRoots, Resolver resolver) {
        this.hosts = List.copyOf(hosts);
        this.internal = List.copyOf(internal);
        this.fileRoots = fileRoots == null ? null : List.copyOf(fileRoots);
        this.resolver = resolver;
    }

    /** The default: no remote URL is accepted; {@code file:} URLs naming a readable local file are. */
    public static UrlPolicy none() {
        return NONE;
    }

    /**
     * A policy accepting remote URLs whose host is one of {@code patterns}: an exact host name or IP literal
     * ({@code tiles.example.com}, {@code 203.0.113.7}), or {@code *.example.org} for every host below
     * {@code example.org} (not {@code example.org} itself). Case-insensitive.
     *
     * @throws IllegalArgumentException naming the pattern when one is not a host name, IP literal or
     *                                  {@code *.}-prefixed host name
     * @throws NullPointerException     when {@code patterns} or one of them is null
     */
    public static UrlPolicy allowHosts(String... patterns) {
        return NONE.andHosts(patterns);
    }

    /** This policy with the host patterns {@code patterns} allowed too (see {@link #allowHosts}). */
    public UrlPolicy andHosts(String... patterns) {
        List<String> next = new ArrayList<>(hosts);
        for (String p : Objects.requireNonNull(patterns, "patterns")) {
            String h = normal(Objects.requireNonNull(p, "pattern"));
            if (!HOST.matcher(h).matches()) {
                throw new IllegalArgumentException("remote URL host pattern '" + p + "' is not a host name, an IP "
                        + "literal or '*.' followed by a host name");
            }
            next.add(h);
        }
        return new UrlPolicy(next, internal, fileRoots, resolver);
    }

    /**
     * This policy with addresses in {@code ranges} allowed although internal (loopback, private, …): each an IP
     * literal ({@code 127.0.0.1}, {@code ::1}) or a CIDR range ({@code 10.20.0.0/16}). The host must still match
     * an allowed pattern.
     *
     * @throws IllegalArgumentException naming the range when it is not an IP literal or CIDR range
     */
    public UrlPolicy allowInternalAddresses(String... ranges) {
        List<AddressRange> next = new ArrayList<>(internal);
        for (String r : Objects.requireNonNull(ranges, "ranges")) {
            next.add(AddressRange.parse(Objects.requireNonNull(r, "range")));
        }
        return new UrlPolicy(hosts, next, fileRoots, resolver);
    }

    /**
     * This policy accepting {@code file:} URLs only under {@code roots} (default: any readable local file).
     *
     * @throws IllegalArgumentException naming the folder when it is not an absolute path
     */
    public UrlPolicy allowFileRoots(Path... roots) {
        List<Path> next = new ArrayList<>(fileRoots == null ? List.of() : fileRoots);
        for (Path r : Objects.requireNonNull(roots, "roots")) {
            if (!Objects.requireNonNull(r, "root").isAbsolute()) {
                throw new IllegalArgumentException("file root '" + r + "' is not an absolute path");
            }
            next.add(r.normalize());
        }
        return new UrlPolicy(hosts, internal, next, resolver);
    }

    /** This policy resolving host names with {@code r} (e.g. a host's own DNS client). */
    public UrlPolicy resolver(Resolver r) {
        return new UrlPolicy(hosts, internal, fileRoots, Objects.requireNonNull(r, "resolver"));
    }

    /** Whether a URL with host {@code host} may be fetched at all (its addresses are checked separately). */
    public boolean permitsHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = normal(host);
        for (String p : hosts) {
            if (p.equals(h) || (p.startsWith("*.") && h.endsWith(p.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the engine may connect to {@code address}: a public address, or one in an allowed internal range. */
    public boolean permitsAddress(InetAddress address) {
        return !internal(address) || internal.stream().anyMatch(r -> r.contains(address));
    }

    /** Whether {@code a} is an address a remote URL must not reach unless allowed (see the class comment). */
    public static boolean internal(InetAddress a) {
        Objects.requireNonNull(a, "address");
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            return first == 0 || (first == 100 && (b[1] & 0xc0) == 64) || (b[0] & b[1] & b[2] & b[3]) == -1;
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean v4Embedded = true; // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped): judged as IPv4
            for (int i = 0; i < 10; i++) {
                v4Embedded &= b[i] == 0;
            }
            v4Embedded &= (b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1);
            if (v4Embedded) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    /** The folders {@code file:} URLs must lie under, or null for any readable local file. */
    public List<Path> fileRoots() {
        return fileRoots;
    }

    /** The addresses of {@code host} through this policy's resolver. */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolver.resolve(host);
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return "UrlPolicy[hosts=" + hosts + ", internal=" + internal + ", fileRoots="
                + (fileRoots == null ? "any" : fileRoots) + "]";
    }

    /** An IP range given as a literal or CIDR. */
    private record AddressRange(String text, byte[] base, int bits) {
        static AddressRange parse(String text) {
            String s = text.strip();
            int slash = s.indexOf('/');
            String literal = slash < 0 ? s : s.substring(0, slash);
            if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("internal address range '" + text + "' is not an IP literal or "
                        + "CIDR range such as 10.0.0.0/8");
            }
            byte[] base;
            try {
                base = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("internal address range '" + text + "': " + e.getMessage(), e);
            }
            int bits = base.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > base.length * 8) {
                    throw new IllegalArgumentException("internal address range '" + text + "': prefix length must "
                            + "be 0-" + base.length * 8);
                }
            }
            return new AddressRange(s, base, bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != base.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (base[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
