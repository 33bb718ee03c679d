package dev.dpiqa.api;

import dev.dpiqa.api.problem.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers 405 with the {@code Allow} header HTTP requires, which RESTEasy Reactive leaves out: the methods come from
 * the resources' own annotations, so a new endpoint cannot be forgotten here.
 */
public class AllowedMethods {

    private static final List<Class<?>> RESOURCES = List.of(ScoreResource.class, ModelsResource.class);
    private static final Map<String, Set<String>> BY_PATH = byPath();

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        Set<String> allowed = BY_PATH.entrySet().stream().filter(entry -> path.matches(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(Set.of());
        return Problem.of("http-405", "Method Not Allowed", 405, "this resource answers " + String.join(", ", allowed),
                path, null).toResponse().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }

    /** Each resource path as a regex ({@code {name}} matching one segment), with the HTTP methods it declares. */
    private static Map<String, Set<String>> byPath() {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                Arrays.stream(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(m -> m != null)
                        .forEach(http -> methods.computeIfAbsent(regex(base, method.getAnnotation(Path.class)),
                                p -> new TreeSet<>()).add(http.value()));
            }
        }
        return methods;
    }

    private static String regex(String base, Path sub) {
        String template = sub == null ? base : base + "/" + sub.value();
        return Arrays.stream(template.split("/+"))
                .map(segment -> segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/")) + "/?";
    }
}
