package dev.dpiqa.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a /32 or /128. */
public final class IpNetwork {

    private final byte[] prefix;
    private final int bits;

    private IpNetwork(byte[] prefix, int bits) {
        this.prefix = prefix;
        this.bits = bits;
    }

    /** Parses CIDR notation; only address literals are accepted, so parsing never performs a DNS lookup. */
    public static IpNetwork parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = literal.matches("[0-9.]+");
        if (!v4 && !literal.contains(":")) {
            throw new IllegalArgumentException("not an IP address literal: " + cidr);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + cidr, e);
        }
        int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new IpNetwork(address, bits);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int full = bits / 8;
        if (!Arrays.equals(address, 0, full, prefix, 0, full)) {
            return false;
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (prefix[full] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
