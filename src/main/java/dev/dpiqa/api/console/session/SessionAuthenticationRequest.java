package dev.dpiqa.api.console.session;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A console session cookie's token, to be matched against the live sessions. */
public final class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public SessionAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
