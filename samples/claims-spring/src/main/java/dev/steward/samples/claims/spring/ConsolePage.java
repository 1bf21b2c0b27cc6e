package dev.steward.samples.claims.spring;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves the approval console's page at {@code /console/}, as the Liberty sample does. */
@Configuration(proxyBeanMethods = false)
public class ConsolePage implements WebMvcConfigurer {

    ConsolePage() {}

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }
}
