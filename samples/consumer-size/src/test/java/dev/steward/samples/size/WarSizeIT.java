package dev.steward.samples.size;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The size budget of a gateway-only application: the BOM, {@code steward-cdi} and {@code steward-provider-gateway}
 * must put at most {@code war.lib.budget} bytes of jars into WEB-INF/lib.
 */
class WarSizeIT {

    @Test
    void aGatewayOnlyApplicationShipsAtMostThreeMegabytesOfJars() throws IOException {
        Path war = Path.of(System.getProperty("war.file"));
        long budget = Long.parseLong(System.getProperty("war.lib.budget"));

        List<ZipEntry> jars;
        try (ZipFile zip = new ZipFile(war.toFile())) {
            jars = zip.stream()
                    .map(ZipEntry.class::cast)
                    .filter(e -> e.getName().startsWith("WEB-INF/lib/")
                            && e.getName().endsWith(".jar"))
                    .sorted(Comparator.comparingLong(ZipEntry::getSize).reversed())
                    .toList();
        }
        long total = jars.stream().mapToLong(ZipEntry::getSize).sum();
        StringBuilder report = new StringBuilder("WEB-INF/lib of " + war.getFileName() + ":\n");
        jars.forEach(j -> report.append(String.format("  %,11d  %s%n", j.getSize(), j.getName())));
        report.append(String.format("  %,11d  total (budget %,d)%n", total, budget));
        System.out.print(report);

        assertThat(jars).as("jars in WEB-INF/lib").isNotEmpty();
        assertThat(jars)
                .extracting(ZipEntry::getName)
                .as("the gateway needs no engine library")
                .noneMatch(n -> n.contains("langchain4j") || n.contains("llama") || n.contains("onnxruntime"));
        assertThat(total).as(report.toString()).isLessThanOrEqualTo(budget);
    }
}
