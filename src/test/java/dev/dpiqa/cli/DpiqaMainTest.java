package dev.dpiqa.cli;

import dev.dpiqa.pipeline.local.LocalKafka;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DpiqaMainTest {

    @Test
    void theCommandIsTheFirstArgumentThatIsNoOption() {
        assertThat(DpiqaMain.command(new String[]{"serve"})).isEqualTo("serve");
        assertThat(DpiqaMain.command(new String[]{"--verbose", "serve", "--help"})).isEqualTo("serve");
        assertThat(DpiqaMain.command(new String[]{"score", "serve.png"})).isEqualTo("score");
        assertThat(DpiqaMain.command(new String[]{"--help"})).isEmpty();
        assertThat(DpiqaMain.command(new String[]{})).isEmpty();
    }

    @Test
    void anEmbeddedBrokerStartsForTheDemoAndForALocalServiceWithoutAnExternalOne() {
        assertThat(LocalKafka.wanted("demo", Optional.empty(), false)).isTrue();
        assertThat(LocalKafka.wanted("serve", Optional.of("local"), false)).isTrue();
        assertThat(LocalKafka.wanted("serve", Optional.of("local"), true)).as("external broker configured").isFalse();
        assertThat(LocalKafka.wanted("serve", Optional.empty(), false)).as("production").isFalse();
        assertThat(LocalKafka.wanted("score", Optional.of("local"), false)).isFalse();
    }
}
