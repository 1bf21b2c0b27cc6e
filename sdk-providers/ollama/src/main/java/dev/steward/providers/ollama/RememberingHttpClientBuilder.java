package dev.steward.providers.ollama;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient.Builder} that remembers the clients it builds, so that the provider can shut down the client
 * LangChain4j builds from it. Thread-safe: the remembered clients sit in a copy-on-write list.
 */
final class RememberingHttpClientBuilder implements HttpClient.Builder {

    private final HttpClient.Builder delegate;
    private final List<HttpClient> built = new CopyOnWriteArrayList<>();

    RememberingHttpClientBuilder(HttpClient.Builder delegate) {
        this.delegate = delegate;
    }

    /**
     * Shuts down every client built so far, closing its pooled connections and stopping its selector thread. Only
     * Java 21 and later can: there {@code HttpClient.shutdownNow()} exists; on Java 17 to 20 this does nothing and
     * the clients release those when they are garbage-collected.
     */
    void shutdownNow() {
        java.lang.reflect.Method shutdownNow;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException before21) {
            return;
        }
        for (HttpClient client : built) {
            try {
                shutdownNow.invoke(client);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot shut down the HTTP client", e);
            }
        }
    }

    @Override
    public HttpClient build() {
        HttpClient client = delegate.build();
        built.add(client);
        return client;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        delegate.cookieHandler(cookieHandler);
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        delegate.connectTimeout(duration);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        delegate.sslContext(sslContext);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        delegate.sslParameters(sslParameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        delegate.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        delegate.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        delegate.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        delegate.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        delegate.proxy(proxySelector);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        delegate.authenticator(authenticator);
        return this;
    }
}
