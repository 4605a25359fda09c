package dev.porthole.agent.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Enforces the module invariants of ARCHITECTURE.md on the real code, and proves every rule fails
 * when violated by running it against the deliberately bad classes in {@code dev.porthole.archfixture.bad}.
 */
class ArchitectureTest {

    private static JavaClasses production;
    private static JavaClasses badFixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.porthole");
        badFixtures = new ClassFileImporter().importPackages("dev.porthole.archfixture.bad");
    }

    @Test
    void productionCodeIsImportedFromEveryBuiltModule() {
        // The agent's own classes must be there; otherwise the rules below check nothing.
        assertThat(production.stream().map(c -> c.getPackageName()))
                .contains("dev.porthole.agent.cli", "dev.porthole.testbed");
    }

    static Stream<ArchRule> realRules() {
        return new ModuleRules("dev.porthole").all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realRules")
    void productionCodeKeepsTheRule(ArchRule rule) {
        rule.check(production);
    }

    static Stream<Arguments> violations() {
        ModuleRules bad = new ModuleRules("dev.porthole.archfixture.bad");
        List<Arguments> cases = new java.util.ArrayList<>(List.of(
                Arguments.of("protocol opens a socket", bad.protocolIsSansIo(), "OpensSocket"),
                Arguments.of("protocol reads the clock", bad.protocolIsSansIo(), "ReadsClock"),
                Arguments.of("protocol starts a thread", bad.protocolIsSansIo(), "StartsThread"),
                Arguments.of("display imports the RDP client", bad.displayKnowsNoRdp(), "Screen"),
                Arguments.of("RDP client imports the display", bad.rdpKnowsNoDisplayOrDevices(), "Session"),
                Arguments.of("hw reads the environment", bad.onlyAgentReadsEnvironment(), "ReadsEnvironment"),
                Arguments.of("Paho used outside its adapter", bad.pahoBehindInterface(), "UsesPahoDirectly"),
                Arguments.of("HiveMQ client used outside its adapter", bad.hivemqBehindInterface(),
                        "UsesHivemqDirectly")));
        List<String> modules = List.copyOf(bad.allowedDependencies().keySet());
        List<ArchRule> deps = bad.moduleDependencies();
        cases.add(Arguments.of("plugin SDK depends on Netty", deps.get(modules.indexOf("plugin.api")), "UsesNetty"));
        cases.add(Arguments.of("display depends on the RDP client", deps.get(modules.indexOf("display")), "Screen"));
        cases.add(Arguments.of("protocol depends on a logging library", deps.get(modules.indexOf("rdp.protocol")), "Logs"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void everyRuleFailsWhenViolated(String what, ArchRule rule, String offender) {
        assertThatThrownBy(() -> rule.check(badFixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender);
    }
}
