package dev.dpiqa.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DpiqaMainTest {

    @Test
    void onlyTheServeCommandGetsTheHttpServer() {
        assertThat(DpiqaMain.isServe(new String[]{"serve"})).isTrue();
        assertThat(DpiqaMain.isServe(new String[]{"--verbose", "serve", "--help"})).isTrue();
        assertThat(DpiqaMain.isServe(new String[]{"score", "serve.png"})).isFalse();
        assertThat(DpiqaMain.isServe(new String[]{"--help"})).isFalse();
        assertThat(DpiqaMain.isServe(new String[]{})).isFalse();
    }
}
