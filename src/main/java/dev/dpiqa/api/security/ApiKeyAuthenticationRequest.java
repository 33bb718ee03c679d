package dev.dpiqa.api.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A presented API key, to be matched against the configured digests. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
