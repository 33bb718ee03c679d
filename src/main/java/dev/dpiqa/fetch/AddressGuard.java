package dev.dpiqa.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the fetcher may connect to an address: everything that is not plainly public unicast is
 * refused (the SSRF targets: loopback, RFC 1918, cloud metadata on link-local, ...) unless an allow-list
 * network contains it.
 */
final class AddressGuard {

    private record Blocked(IpNetwork network, String why) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            blocked("0.0.0.0/8", "'this network'"),
            blocked("10.0.0.0/8", "private"),
            blocked("100.64.0.0/10", "carrier-grade NAT"),
            blocked("127.0.0.0/8", "loopback"),
            blocked("169.254.0.0/16", "link-local (cloud metadata)"),
            blocked("172.16.0.0/12", "private"),
            blocked("192.0.0.0/24", "IETF protocol assignment"),
            blocked("192.0.2.0/24", "documentation"),
            blocked("192.168.0.0/16", "private"),
            blocked("198.18.0.0/15", "benchmarking"),
            blocked("198.51.100.0/24", "documentation"),
            blocked("203.0.113.0/24", "documentation"),
            blocked("224.0.0.0/4", "multicast"),
            blocked("240.0.0.0/4", "reserved or broadcast"),
            blocked("::/128", "unspecified"),
            blocked("::1/128", "loopback"),
            blocked("100::/64", "discard"),
            blocked("2001:db8::/32", "documentation"),
            blocked("fc00::/7", "unique local (private)"),
            blocked("fe80::/10", "link-local"),
            blocked("fec0::/10", "site-local"),
            blocked("ff00::/8", "multicast"));

    /**
     * IPv6 prefixes that carry an IPv4 address in their low 32 bits; that address is checked too. IPv4-mapped
     * addresses (::ffff:a.b.c.d) need no entry: the JDK already turns them into {@code Inet4Address}.
     */
    private static final List<IpNetwork> EMBEDS_IPV4_AT_END = List.of(
            IpNetwork.parse("::/96"),          // IPv4-compatible (deprecated)
            IpNetwork.parse("64:ff9b::/96"));  // NAT64
    private static final IpNetwork SIX_TO_FOUR = IpNetwork.parse("2002::/16");

    private final List<IpNetwork> allowed;

    AddressGuard(List<IpNetwork> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    private static Blocked blocked(String cidr, String why) {
        return new Blocked(IpNetwork.parse(cidr), why);
    }

    /** Why the address is refused, or empty when the fetcher may connect to it. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        Optional<String> direct = BLOCKED.stream()
                .filter(b -> b.network().contains(address))
                .map(Blocked::why)
                .findFirst();
        if (direct.isPresent() || !(address instanceof Inet6Address)) {
            return direct;
        }
        return embeddedIpv4(address.getAddress())
                .flatMap(v4 -> refusal(v4).map(why -> why + " (embedded IPv4 " + v4.getHostAddress() + ")"));
    }

    private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
        byte[] v4 = null;
        if (EMBEDS_IPV4_AT_END.stream().anyMatch(n -> n.contains(v6))) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (SIX_TO_FOUR.contains(v6)) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
