package dev.dpiqa.fetch;

import java.net.URI;
import java.util.Locale;

/** Where one HTTP hop goes, validated from a URI: no user info, a host, a port, a request target. */
record HttpTarget(URI uri, boolean secure, String host, int port, String requestTarget, String hostHeader) {

    static HttpTarget of(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(uri, "only http and https are fetched over the network");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in URIs leak into logs and are a classic parser-confusion trick.
            throw bad(uri, "user info in the URI is not accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw bad(uri, "no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = scheme.equals("https");
        int defaultPort = secure ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (port == defaultPort ? "" : ":" + port);
        return new HttpTarget(uri, secure, host, port, target, hostHeader);
    }

    private static FetchException bad(URI uri, String why) {
        return FetchException.permanent(FetchException.Reason.BAD_URI, why + ": " + uri);
    }
}
