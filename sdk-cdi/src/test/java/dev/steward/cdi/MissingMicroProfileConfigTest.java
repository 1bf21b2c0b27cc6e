package dev.steward.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application without MicroProfile Config (on Liberty: without the mpConfig feature) fails deployment with a message
 * naming the feature, not with {@code NoClassDefFoundError}. Weld boots in a class loader built from this test's class
 * path without the MicroProfile Config API and its implementation, as the application's class loader is then.
 */
class MissingMicroProfileConfigTest {

    @Test
    void failsDeploymentNamingTheFeatureToEnable() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            // SmallRye Config implements MicroProfile Config and SmallRye Fault Tolerance needs it; both go with it
            if (!entry.contains("microprofile-config") && !entry.contains("smallrye")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader withoutConfig = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            assertThat(withoutConfig.getResource("org/eclipse/microprofile/config/ConfigProvider.class"))
                    .as("the API is hidden")
                    .isNull();
            thread.setContextClassLoader(withoutConfig);
            Class<?> weldType = withoutConfig.loadClass("org.jboss.weld.environment.se.Weld");
            Object weld = weldType.getConstructor().newInstance();
            weldType.getMethod("disableDiscovery").invoke(weld);
            Class<?> extensionType = withoutConfig.loadClass("jakarta.enterprise.inject.spi.Extension");
            weldType.getMethod("addExtension", extensionType)
                    .invoke(
                            weld,
                            withoutConfig
                                    .loadClass(StewardExtension.class.getName())
                                    .getConstructor()
                                    .newInstance());
            weldType.getMethod("addBeanClass", Class.class)
                    .invoke(weld, withoutConfig.loadClass("dev.steward.cdi.support.ClaimsService"));

            Throwable failure = null;
            try {
                AutoCloseable container =
                        (AutoCloseable) weldType.getMethod("initialize").invoke(weld);
                container.close();
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            }

            assertThat(failure).as("deployment fails").isNotNull();
            String trace = trace(failure);
            assertThat(trace)
                    .contains("Steward needs MicroProfile Config: enable the Liberty feature mpConfig-3.1")
                    .doesNotContain("NoClassDefFoundError");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
