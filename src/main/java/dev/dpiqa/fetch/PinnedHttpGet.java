package dev.dpiqa.fetch;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET over a socket connected to an address the guard already approved. Connecting to that
 * address ourselves (rather than letting an HTTP client resolve the name again) is what closes the DNS
 * rebinding window; TLS still verifies the certificate against the host name and sends it as SNI.
 */
final class PinnedHttpGet {

    /** A response: the body is read only for 2xx statuses. */
    record Result(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;

    private final int connectTimeoutMillis;
    private final long maxBytes;

    PinnedHttpGet(int connectTimeoutMillis, long maxBytes) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxBytes = maxBytes;
    }

    /** Tries the approved addresses in order until one accepts the connection, then performs the GET there. */
    Result get(HttpTarget target, List<InetAddress> addresses, Deadline deadline) throws FetchException {
        IOException lastConnectFailure = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, target.port()),
                        Math.min(connectTimeoutMillis, deadline.remainingMillis()));
            } catch (IOException e) {
                close(socket);
                lastConnectFailure = e;
                continue;
            }
            try (Socket connected = target.secure() ? startTls(socket, target, deadline) : socket) {
                return exchange(connected, target, deadline);
            } catch (java.net.SocketTimeoutException e) {
                throw deadline.expired(e);
            } catch (javax.net.ssl.SSLHandshakeException e) {
                throw FetchException.permanent(FetchException.Reason.UNREACHABLE,
                        "TLS handshake with " + target.host() + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw FetchException.transientFailure(FetchException.Reason.UNREACHABLE,
                        "I/O error talking to " + target.hostHeader() + ": " + e.getMessage(), e);
            }
        }
        if (lastConnectFailure instanceof java.net.SocketTimeoutException) {
            throw FetchException.transientFailure(FetchException.Reason.TIMEOUT,
                    "connect to " + target.hostHeader() + " timed out", lastConnectFailure);
        }
        throw FetchException.transientFailure(FetchException.Reason.UNREACHABLE,
                "cannot connect to " + target.hostHeader() + ": " + lastConnectFailure, lastConnectFailure);
    }

    private static Socket startTls(Socket plain, HttpTarget target, Deadline deadline) throws IOException, FetchException {
        SSLSocket tls;
        try {
            tls = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                    .createSocket(plain, target.host(), target.port(), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has a default SSLContext", e);
        }
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.host().contains(":") && !target.host().matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(target.host())));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(deadline.remainingMillis());
        tls.startHandshake();
        return tls;
    }

    private Result exchange(Socket socket, HttpTarget target, Deadline deadline) throws IOException, FetchException {
        OutputStream out = socket.getOutputStream();
        String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: dpiqa-fetcher\r\n"
                + "Accept: image/*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline));
        int status = parseStatus(readLine(in));
        Map<String, String> headers = readHeaders(in);
        if (status / 100 != 2) {
            return new Result(status, headers, null);
        }
        return new Result(status, headers, readBody(in, headers, target));
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("malformed status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line: " + statusLine, e);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
    }

    private byte[] readBody(InputStream in, Map<String, String> headers, HttpTarget target)
            throws IOException, FetchException {
        String transferEncoding = headers.getOrDefault("transfer-encoding", "");
        if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in, target);
        }
        String contentLength = headers.get("content-length");
        if (contentLength == null) {
            return readUntilClose(in, target);
        }
        long declared;
        try {
            declared = Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + contentLength, e);
        }
        if (declared > maxBytes) {
            throw tooLarge(target, "declares " + declared + " bytes");
        }
        byte[] body = in.readNBytes((int) declared);
        if (body.length < declared) {
            throw new IOException("body ended after " + body.length + " of " + declared + " bytes");
        }
        return body;
    }

    private byte[] readChunked(InputStream in, HttpTarget target) throws IOException, FetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size == 0) {
                readHeaders(in); // trailers, ignored
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw tooLarge(target, "streams more than " + maxBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("chunk ended early");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private byte[] readUntilClose(InputStream in, HttpTarget target) throws IOException, FetchException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw tooLarge(target, "streams more than " + maxBytes + " bytes");
        }
        return body;
    }

    private FetchException tooLarge(HttpTarget target, String what) {
        return FetchException.permanent(FetchException.Reason.TOO_LARGE,
                target.uri() + " " + what + "; the limit is " + maxBytes);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new IOException("connection closed inside the response head");
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }

    /** Gives every socket read only the time left in the total budget, so a slow drip cannot outlast it. */
    private static final class DeadlineInputStream extends FilterInputStream {
        private final Socket socket;
        private final Deadline deadline;

        DeadlineInputStream(Socket socket, Deadline deadline) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            armTimeout();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            armTimeout();
            return super.read(b, off, len);
        }

        private void armTimeout() throws IOException {
            try {
                socket.setSoTimeout(deadline.remainingMillis());
            } catch (FetchException e) {
                throw new java.net.SocketTimeoutException(e.getMessage());
            }
        }
    }
}
