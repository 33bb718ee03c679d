package dev.dpiqa.api.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code /console} opens the console: its page lives at {@code /console/}, where its relative links resolve. */
@ApplicationScoped
public class ConsoleRoutes {

    void redirect(@Observes Router router) {
        router.routeWithRegex("^/console$").handler(context -> context.redirect("/console/"));
    }
}
