package dev.dpiqa.fetch;

import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One GET with OkHttp (HTTP/1.1 and HTTP/2, TLS with SNI and host-name verification), connected only to addresses
 * the guard already approved: the call's {@link Dns} answers the target host with exactly those addresses and
 * refuses every other name, so the client never resolves the name again. That closes the DNS rebinding window.
 * Redirects are not followed here (each hop is checked by {@link SafeImageFetcher}), and no proxy is used, since a
 * proxy would resolve and connect on its own.
 */
final class PinnedHttpGet {

    /** A response: the body is read only for 2xx statuses. */
    record Result(int status, Headers headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final OkHttpClient base;
    private final long maxBytes;

    PinnedHttpGet(int connectTimeoutMillis, long maxBytes) {
        this(connectTimeoutMillis, maxBytes, null);
    }

    /** With {@code trust} the certificates it trusts instead of the JDK's (tests); null for the JDK's. */
    PinnedHttpGet(int connectTimeoutMillis, long maxBytes, X509TrustManager trust) {
        this.maxBytes = maxBytes;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
                .dns(hostname -> {
                    throw new UnknownHostException(hostname + " was not approved for this fetch");
                });
        if (trust != null) {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[]{trust}, null);
                builder.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with the given trust", e);
            }
        }
        this.base = builder.build();
    }

    /** Connects to the approved addresses in order until one accepts, then performs the GET there. */
    Result get(HttpTarget target, List<InetAddress> addresses, Deadline deadline) throws FetchException {
        HttpUrl url = HttpUrl.parse(target.uri().toString());
        if (url == null) {
            throw FetchException.permanent(FetchException.Reason.BAD_URI, "not an HTTP URL: " + target.uri());
        }
        long remaining = deadline.remainingMillis();
        OkHttpClient client = base.newBuilder()
                .dns(pinned(url.host(), addresses))
                .callTimeout(remaining, TimeUnit.MILLISECONDS)
                .readTimeout(remaining, TimeUnit.MILLISECONDS)
                .build();
        Request request = new Request.Builder().url(url)
                .header("User-Agent", "dpiqa-fetcher")
                .header("Accept", "image/*")
                .header("Accept-Encoding", "identity")
                .build();
        Call call = client.newCall(request);
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                return new Result(response.code(), response.headers(), null);
            }
            return new Result(response.code(), response.headers(), readBody(response.body(), target));
        } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
            throw FetchException.permanent(FetchException.Reason.UNREACHABLE,
                    "TLS handshake with " + target.host() + " failed: " + e.getMessage(), e);
        } catch (InterruptedIOException e) {
            if (call.isCanceled()) { // the call timeout, which is the fetch's total deadline, cancels the call
                throw deadline.expired(e);
            }
            throw FetchException.transientFailure(FetchException.Reason.TIMEOUT,
                    "no answer from " + target.hostHeader() + " in time: " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw FetchException.transientFailure(FetchException.Reason.UNREACHABLE,
                    "cannot connect to " + target.hostHeader() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw FetchException.transientFailure(FetchException.Reason.UNREACHABLE,
                    "I/O error talking to " + target.hostHeader() + ": " + e.getMessage(), e);
        }
    }

    /** The approved addresses for the one host of this call; any other name is refused. */
    private static Dns pinned(String host, List<InetAddress> addresses) {
        List<InetAddress> approved = List.copyOf(addresses);
        return hostname -> {
            if (!hostname.equalsIgnoreCase(host)) {
                throw new UnknownHostException(hostname + " was not approved for this fetch");
            }
            return approved;
        };
    }

    private byte[] readBody(ResponseBody body, HttpTarget target) throws IOException, FetchException {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(target, "declares " + declared + " bytes");
        }
        try (InputStream in = body.byteStream()) {
            // One byte past the limit, whatever was declared: a chunked or unframed body may go on and on.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(target, "streams more than " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    private FetchException tooLarge(HttpTarget target, String what) {
        return FetchException.permanent(FetchException.Reason.TOO_LARGE,
                target.uri() + " " + what + "; the limit is " + maxBytes);
    }
}
