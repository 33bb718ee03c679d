package dev.dpiqa.api.console.session;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The reviewer a live session belongs to, with the roles their API key had at login. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

    /** Identity attribute holding the {@link ConsoleSession}. */
    public static final String SESSION = "dpiqa.console.session";

    private final ConsoleSessions sessions;

    public SessionIdentityProvider(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
        return sessions.find(request.token())
                .<Uni<SecurityIdentity>>map(session -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(session.user()))
                        .addRoles(session.roles())
                        .addAttribute(SESSION, session)
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("session ended")));
    }
}
