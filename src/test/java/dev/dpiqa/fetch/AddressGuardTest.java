package dev.dpiqa.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
            "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::a00:1"})
    void refusesNonPublicAddresses(String literal) throws Exception {
        assertThat(guard.refusal(InetAddress.getByName(literal))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1",
            "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicUnicast(String literal) throws Exception {
        assertThat(guard.refusal(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void metadataAddressIsNamedInTheRefusal() throws Exception {
        assertThat(guard.refusal(InetAddress.getByName("169.254.169.254"))).hasValueSatisfying(
                why -> assertThat(why).contains("metadata"));
    }

    @Test
    void allowListExemptsOnlyItsOwnNetwork() throws Exception {
        AddressGuard demo = new AddressGuard(List.of(IpNetwork.parse("127.0.0.1/32")));
        assertThat(demo.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(demo.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(demo.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
    }

    @Test
    void networkParsingRejectsHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> IpNetwork.parse("localhost/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(IpNetwork.parse("fc00::/7").contains(ipv6("fdff::1"))).isTrue();
        assertThat(IpNetwork.parse("fc00::/7").contains(ipv6("fe00::1"))).isFalse();
    }

    private static InetAddress ipv6(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
