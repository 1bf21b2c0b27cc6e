package dev.steward.spring.internal;

import dev.steward.api.ConfigurationException;
import dev.steward.api.annotation.AiTool;
import dev.steward.core.GovernedMethod;
import dev.steward.core.tool.MethodTool;
import dev.steward.core.tool.Tool;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@code @AiTool} methods of the application's beans, as core's {@link MethodTool}s. Each call runs on the bean as
 * the context hands it out, asked for by name on every call: its proxy when it has one, so that {@code @Transactional},
 * method security and any other advice apply to the tool as to any call of the bean.
 */
final class BeanTools {

    private BeanTools() {}

    /**
     * Finds the tools of every bean whose type the context knows without creating it.
     *
     * @param beans the application's beans
     * @return the tools, in the order of the bean definitions
     * @throws ConfigurationException naming {@code Class#method} if a tool method is private, static or final (it
     *     could not run through the bean's proxy), is a tool of two beans, or {@link MethodTool#of} refuses it
     */
    static List<Tool> of(ListableBeanFactory beans) {
        Map<Method, String> owners = new LinkedHashMap<>();
        for (String name : beans.getBeanDefinitionNames()) {
            if (ScopedProxyUtils.isScopedTarget(name)) {
                // the target of a scoped proxy: its tools are reached through the proxy, the bean of the plain name
                continue;
            }
            // false: a FactoryBean is not created only to learn its product's type
            Class<?> type = beans.getType(name, false);
            if (type == null) {
                continue;
            }
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(
                    ClassUtils.getUserClass(type),
                    m -> !m.isBridge() && !m.isSynthetic() && m.isAnnotationPresent(AiTool.class))) {
                String earlier = owners.putIfAbsent(method, name);
                if (earlier != null) {
                    throw new ConfigurationException(
                            GovernedMethod.source(method),
                            "is a tool of two beans, '" + earlier + "' and '" + name
                                    + "'; a tool name must run on one bean, so declare the class as one bean");
                }
            }
        }
        List<Tool> tools = new ArrayList<>();
        owners.forEach((method, name) -> {
            int modifiers = method.getModifiers();
            if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                throw new ConfigurationException(
                        GovernedMethod.source(method),
                        "an @AiTool method of a Spring bean must be a non-private, non-static, non-final method,"
                                + " so that it runs through the bean's proxy");
            }
            tools.add(MethodTool.of(method, () -> beans.getBean(name)));
        });
        return tools;
    }
}
