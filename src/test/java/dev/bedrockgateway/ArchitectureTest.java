package dev.bedrockgateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The package rules the design rests on, checked against the production classes: a reader can follow a
 * request from a surface into the core and on to Bedrock without the path returning to a package it left.
 */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            // By folder name rather than ArchUnit's target/test-classes pattern: -Dbuild.dir may move the build.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.bedrockgateway");

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("dev.bedrockgateway.(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    @Test
    void onlyTheBedrockPackageUsesTheAwsSdk() {
        // eventstream wraps the SDK's stand-alone event-stream codec: a wire encoding, not an AWS call.
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.bedrockgateway.bedrock..",
                        "dev.bedrockgateway.eventstream..",
                        "dev.bedrockgateway.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(GATEWAY);
    }

    @Test
    void apiStylesDoNotImportEachOther() {
        slices().matching("dev.bedrockgateway.api.(*)..")
                .should()
                .notDependOnEachOther()
                .check(GATEWAY);
    }

    @Test
    void theSharedWebLayerImportsNoApiStyle() {
        noClasses()
                .that()
                .resideInAPackage("dev.bedrockgateway.api")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.bedrockgateway.api.(*)..")
                .check(GATEWAY);
    }

    @Test
    void theCoreImportsNoWebTypesAndNoSurface() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.bedrockgateway.chat..",
                        "dev.bedrockgateway.error..",
                        "dev.bedrockgateway.limits..",
                        "dev.bedrockgateway.routing..",
                        "dev.bedrockgateway.tenant..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.bedrockgateway.api..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.http..")
                .check(GATEWAY);
    }

    @Test
    void theErrorVocabularyImportsNothingOfTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("dev.bedrockgateway.error..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("dev.bedrockgateway.error..", "java..", "org.jspecify..")
                .check(GATEWAY);
    }

    @Test
    void theSimulatorAndTheWireCodecImportNothingOfTheGateway() {
        String[] standalone = {"dev.bedrockgateway.simulator..", "dev.bedrockgateway.eventstream.."};
        noClasses()
                .that()
                .resideInAnyPackage(standalone)
                .should()
                .dependOnClassesThat(resideInAPackage("dev.bedrockgateway..").and(not(resideInAnyPackage(standalone))))
                .check(GATEWAY);
    }

    @Test
    void theWireCodecNeedsOnlyTheJdkAndTheSdkCodecSoTheBenchmarkCanCompileIt() {
        noClasses()
                .that()
                .resideInAPackage("dev.bedrockgateway.eventstream..")
                .should()
                .dependOnClassesThat()
                // org.jspecify: the package's @NullMarked, which the benchmark does not compile.
                .resideOutsideOfPackages(
                        "dev.bedrockgateway.eventstream..",
                        "java..",
                        "org.jspecify..",
                        "software.amazon.awssdk.eventstream..")
                .check(GATEWAY);
    }

    @Test
    void noProductionPackageKnowsTheSimulator() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.bedrockgateway.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.bedrockgateway.simulator..")
                .check(GATEWAY);
    }
}
