package dev.steward.core.prompt;

import dev.steward.api.PromptTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template parsed once into literal and variable parts, so rendering a call is string appends only. Variables are
 * written <code>{{name}}</code>; a variable is bound by position to the capability's parameter of that name.
 * Immutable and thread-safe.
 */
public final class CompiledTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private final PromptTemplate prompt;
    private final String[] literals;
    private final int[] slots;
    private final Set<String> variables;

    private CompiledTemplate(PromptTemplate prompt, String[] literals, int[] slots, Set<String> variables) {
        this.prompt = prompt;
        this.literals = literals;
        this.slots = slots;
        this.variables = variables;
    }

    /**
     * Compiles a template against the names of the arguments it will be rendered with.
     *
     * @param prompt the template
     * @param parameterNames the capability's parameter names, in order
     * @return the compiled template
     * @throws IllegalArgumentException naming a variable that is not a parameter
     */
    public static CompiledTemplate compile(PromptTemplate prompt, List<String> parameterNames) {
        List<String> literals = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(prompt.template());
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            int index = parameterNames.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("prompt " + prompt.id() + "/" + prompt.version()
                        + " uses variable {{" + name + "}} but the parameters are " + parameterNames);
            }
            literals.add(prompt.template().substring(last, m.start()));
            slots.add(index);
            variables.add(name);
            last = m.end();
        }
        literals.add(prompt.template().substring(last));
        return new CompiledTemplate(
                prompt,
                literals.toArray(String[]::new),
                slots.stream().mapToInt(Integer::intValue).toArray(),
                Set.copyOf(variables));
    }

    /**
     * The template this was compiled from.
     *
     * @return the template
     */
    public PromptTemplate prompt() {
        return prompt;
    }

    /**
     * The variables the template uses.
     *
     * @return the names
     */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Renders the template with call arguments; {@code null} renders as an empty string.
     *
     * @param args the arguments, in parameter order
     * @return the text
     */
    public String render(Object[] args) {
        StringBuilder out = new StringBuilder(prompt.template().length() + 64);
        for (int i = 0; i < slots.length; i++) {
            out.append(literals[i]);
            Object v = args[slots[i]];
            if (v != null) {
                out.append(v);
            }
        }
        return out.append(literals[literals.length - 1]).toString();
    }
}
