package dev.steward.core.spi;

import dev.steward.core.config.ConfigValues;
import java.util.List;

/**
 * Creates pipeline interceptors that need the configuration, such as a redactor whose patterns and deny-lists are set
 * per deployment. Found with {@link java.util.ServiceLoader} (when the builder discovers extensions) or added to the
 * builder; {@link #create} runs once while the Steward instance is built, so a bad setting fails startup.
 *
 * <p>The instance that built the interceptors owns them: an interceptor that is {@link AutoCloseable} is closed when
 * the instance closes, or at once when building fails after it was created.
 */
public interface PipelineInterceptorFactory {

    /**
     * Creates the interceptors for one Steward instance.
     *
     * @param config the instance's configuration; the keys it reads must be among those Steward validates
     * @return the interceptors, possibly none
     * @throws dev.steward.api.ConfigurationException naming the key of a bad setting
     */
    List<PipelineInterceptor> create(ConfigValues config);
}
