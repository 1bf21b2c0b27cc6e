package dev.steward.spring.internal;

import dev.steward.api.annotation.AiCapability;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes {@code @AiCapability} methods of Spring beans governed calls. When a bean whose class has such methods is
 * initialized, every Steward-annotated method of its class is checked and composed (so a bad declaration fails the
 * bean's creation, and with it the context, naming {@code Class#method}), then the bean is proxied (or an existing
 * proxy, for example a transactional one, gets the advice) so that calls of those methods run through Steward
 * instead of the method body.
 *
 * <p>The advice goes after the advisors a proxy already has: Steward ends the chain, since it never proceeds to the
 * method body, so {@code @Transactional} and other advice wrap the whole governed call. Class-based proxies, as Spring
 * Boot uses by default, so that the bean keeps its type.
 */
public final class CapabilityMethodPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

    private static final long serialVersionUID = 1L;

    private final transient ObjectProvider<StewardRuntime> runtime;

    /**
     * Creates the post-processor.
     *
     * @param runtime the runtime, looked up when the first bean with capabilities is initialized
     */
    public CapabilityMethodPostProcessor(ObjectProvider<StewardRuntime> runtime) {
        this.runtime = runtime;
        setProxyTargetClass(true);
        setBeforeExistingAdvisors(false);
        this.advisor = new DefaultPointcutAdvisor(new CapabilityPointcut(), (MethodInterceptor)
                invocation -> runtime.getObject().invoke(invocation));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (StewardRuntime.hasCapabilities(type)) {
            runtime.getObject().compose(type);
        }
        return super.postProcessAfterInitialization(bean, beanName);
    }

    /** Matches the {@code @AiCapability} methods of a class, as the class declares or inherits them. */
    private static final class CapabilityPointcut extends StaticMethodMatcherPointcut {

        CapabilityPointcut() {
            setClassFilter(ClassFilter.TRUE);
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return AopUtils.getMostSpecificMethod(method, targetClass).isAnnotationPresent(AiCapability.class);
        }
    }
}
