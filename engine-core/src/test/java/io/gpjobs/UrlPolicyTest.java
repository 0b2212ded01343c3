package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // a literal: no lookup
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowedPublicOnesArePermitted() throws Exception {
        UrlPolicy policy = UrlPolicy.allowHosts("example.com");
        for (String a : new String[] {"127.0.0.1", "127.8.9.10", "::1", "169.254.169.254", "fe80::1", "10.1.2.3",
                "172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1", "fd12:3456::1", "fec0::1",
                "0.1.2.3", "224.0.0.1", "ff02::1", "255.255.255.255", "100.64.0.1", "100.127.255.254",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1"}) {
            assertThat(UrlPolicy.internal(ip(a))).as(a).isTrue();
            assertThat(policy.permitsAddress(ip(a))).as(a).isFalse();
        }
        // the unspecified ("any") addresses, IPv4 and IPv6, built from their bytes
        for (InetAddress any : new InetAddress[] {InetAddress.getByAddress(new byte[4]),
                InetAddress.getByAddress(new byte[16])}) {
            assertThat(UrlPolicy.internal(any)).as(any.getHostAddress()).isTrue();
            assertThat(policy.permitsAddress(any)).as(any.getHostAddress()).isFalse();
        }
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "11.0.0.1",
                "2606:4700::1111", "::ffff:93.184.216.34", "2001:db8::1"}) {
            assertThat(UrlPolicy.internal(ip(a))).as(a).isFalse();
            assertThat(policy.permitsAddress(ip(a))).as(a).isTrue();
        }
    }

    @Test
    void internalRangesAreAllowedOnlyWhereGiven() throws Exception {
        UrlPolicy policy = UrlPolicy.allowHosts("h").allowInternalAddresses("127.0.0.1", "10.20.0.0/16", "fd00::/8");
        assertThat(policy.permitsAddress(ip("127.0.0.1"))).isTrue();
        assertThat(policy.permitsAddress(ip("127.0.0.2"))).isFalse();
        assertThat(policy.permitsAddress(ip("10.20.255.1"))).isTrue();
        assertThat(policy.permitsAddress(ip("10.21.0.1"))).isFalse();
        assertThat(policy.permitsAddress(ip("fd99::1"))).isTrue();
        assertThat(policy.permitsAddress(ip("fc00::1"))).isFalse();
        assertThat(policy.permitsAddress(ip("169.254.169.254"))).isFalse();
    }

    @Test
    void hostPatternsMatchExactHostsAndSubdomainsOnly() {
        UrlPolicy policy = UrlPolicy.allowHosts("tiles.example.com", "*.example.org", "203.0.113.7", "::1");
        assertThat(policy.permitsHost("tiles.example.com")).isTrue();
        assertThat(policy.permitsHost("TILES.Example.COM.")).isTrue();
        assertThat(policy.permitsHost("a.example.org")).isTrue();
        assertThat(policy.permitsHost("b.a.example.org")).isTrue();
        assertThat(policy.permitsHost("203.0.113.7")).isTrue();
        assertThat(policy.permitsHost("[::1]")).isTrue();
        assertThat(policy.permitsHost("example.org")).isFalse();
        assertThat(policy.permitsHost("evil-example.org")).isFalse();
        assertThat(policy.permitsHost("example.org.evil.net")).isFalse();
        assertThat(policy.permitsHost("other.example.com")).isFalse();
        assertThat(policy.permitsHost("203.0.113.8")).isFalse();
        assertThat(policy.permitsHost("")).isFalse();
        assertThat(UrlPolicy.none().permitsHost("tiles.example.com")).isFalse();
    }

    @Test
    void badPatternsRangesAndRootsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> UrlPolicy.allowHosts("http://x.org")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'http://x.org'");
        assertThatThrownBy(() -> UrlPolicy.allowHosts("*")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> UrlPolicy.allowHosts("a.*.org")).hasMessageContaining("'a.*.org'");
        assertThatThrownBy(() -> UrlPolicy.none().allowInternalAddresses("localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> UrlPolicy.none().allowInternalAddresses("10.0.0.0/33"))
                .hasMessageContaining("'10.0.0.0/33'").hasMessageContaining("0-32");
        assertThatThrownBy(() -> UrlPolicy.none().allowFileRoots(Path.of("data")))
                .hasMessageContaining("'data'");
    }
}
