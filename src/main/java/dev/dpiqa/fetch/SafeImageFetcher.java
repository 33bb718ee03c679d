package dev.dpiqa.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches image bytes from {@code http(s):} and (when the policy enables them) {@code file:} URIs without
 * becoming an SSRF proxy: every hop's host is resolved, every address checked by the guard, and the connection
 * made to the checked address. Byte and time limits hold for the whole fetch. Thread-safe; one instance per policy.
 */
public final class SafeImageFetcher {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final FetchPolicy policy;
    private final AddressGuard guard;
    private final PinnedHttpGet http;

    public SafeImageFetcher(FetchPolicy policy) {
        this.policy = policy;
        this.guard = new AddressGuard(policy.allowedNetworks());
        this.http = new PinnedHttpGet((int) policy.connectTimeout().toMillis(), policy.maxBytes());
    }

    /** A fetcher with the same limits and {@code file:} URIs enabled or disabled. */
    public SafeImageFetcher withFileUris(boolean enabled) {
        return enabled == policy.fileUris() ? this : new SafeImageFetcher(policy.withFileUris(enabled));
    }

    /** Parses, then fetches; text that is no URI fails as {@link FetchException.Reason#BAD_URI}. */
    public FetchedImage fetch(String uri) throws FetchException {
        try {
            return fetch(new URI(uri.strip()));
        } catch (URISyntaxException e) {
            throw FetchException.permanent(FetchException.Reason.BAD_URI, "not a URI: " + e.getMessage(), e);
        }
    }

    public FetchedImage fetch(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> fetchHttp(uri);
            case "file" -> fetchFile(uri);
            default -> throw FetchException.permanent(FetchException.Reason.BAD_URI,
                    "unsupported URI scheme '" + scheme + "' in " + uri);
        };
    }

    private FetchedImage fetchHttp(URI uri) throws FetchException {
        Deadline deadline = new Deadline(policy.totalTimeout());
        URI current = uri;
        for (int hop = 0; ; hop++) {
            HttpTarget target = HttpTarget.of(current);
            PinnedHttpGet.Result result = http.get(target, approvedAddresses(target.host()), deadline);
            if (REDIRECTS.contains(result.status())) {
                if (hop == policy.maxRedirects()) {
                    throw FetchException.permanent(FetchException.Reason.TOO_MANY_REDIRECTS,
                            "more than " + policy.maxRedirects() + " redirects from " + uri);
                }
                current = redirectTarget(current, result.header("location"));
            } else if (result.status() / 100 == 2) {
                return new FetchedImage(result.body(), result.header("content-type"), current);
            } else {
                throw FetchException.httpStatus(result.status(), current.toString());
            }
        }
    }

    /** All addresses of the host, refused as a whole if any is forbidden: a mixed answer is a rebinding attempt. */
    private List<InetAddress> approvedAddresses(String host) throws FetchException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw FetchException.transientFailure(FetchException.Reason.UNREACHABLE, "cannot resolve " + host, e);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                throw FetchException.permanent(FetchException.Reason.FORBIDDEN_ADDRESS,
                        host + " resolves to " + address.getHostAddress() + ", a " + refusal.get()
                                + " address outside dpiqa.fetch.allowed-networks");
            }
        }
        return Arrays.asList(addresses);
    }

    private static URI redirectTarget(URI current, String location) throws FetchException {
        if (location == null || location.isBlank()) {
            throw FetchException.permanent(FetchException.Reason.BAD_URI, "redirect without Location from " + current);
        }
        try {
            return current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw FetchException.permanent(FetchException.Reason.BAD_URI, "bad redirect Location: " + location, e);
        }
    }

    private FetchedImage fetchFile(URI uri) throws FetchException {
        if (!policy.fileUris()) {
            throw FetchException.permanent(FetchException.Reason.FORBIDDEN_ADDRESS, "file: URIs are not served here: " + uri);
        }
        Path path;
        try {
            path = Path.of(uri).toRealPath();
        } catch (NoSuchFileException e) {
            throw FetchException.permanent(FetchException.Reason.NOT_FOUND, "no such file: " + uri, e);
        } catch (IllegalArgumentException e) { // includes InvalidPathException
            throw FetchException.permanent(FetchException.Reason.BAD_URI, "not a local file URI: " + uri, e);
        } catch (IOException e) {
            throw FetchException.permanent(FetchException.Reason.NOT_FOUND, "cannot read " + uri + ": " + e.getMessage(), e);
        }
        if (!isUnderFileRoots(path)) {
            throw FetchException.permanent(FetchException.Reason.FORBIDDEN_ADDRESS,
                    path + " lies outside dpiqa.fetch.file-roots");
        }
        try (InputStream in = Files.newInputStream(path)) {
            // Read one byte past the limit rather than trusting the size: the file may grow meanwhile.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) {
                throw FetchException.permanent(FetchException.Reason.TOO_LARGE,
                        path + " is larger than " + policy.maxBytes() + " bytes");
            }
            return new FetchedImage(bytes, null, path.toUri());
        } catch (IOException e) {
            throw FetchException.permanent(FetchException.Reason.NOT_FOUND, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private boolean isUnderFileRoots(Path realPath) {
        if (policy.fileRoots().isEmpty()) {
            return true;
        }
        for (Path root : policy.fileRoots()) {
            try {
                if (realPath.startsWith(root.toRealPath())) {
                    return true;
                }
            } catch (IOException e) {
                // a root that does not exist contains nothing
            }
        }
        return false;
    }
}
