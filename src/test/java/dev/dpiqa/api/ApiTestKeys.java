package dev.dpiqa.api;

/** The keys whose hashes application.properties configures for the %test profile. */
public final class ApiTestKeys {
    public static final String CLIENT_ONE = "test-key-1";
    static final String CLIENT_TWO = "test-key-2";
    static final String CLIENT_THREE = "test-key-3";

    private ApiTestKeys() {
    }
}
