package dev.coldstart.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RuntimeImageTest {
  private static final Set<String> JDK = Set.of("java.base", "java.xml", "java.sql", "java.desktop", "jdk.httpserver",
      "jdk.unsupported", "jdk.charsets", "java.logging");

  @Test
  void takesEveryJdkModuleTheJarRefersToButJacksonsOptionalOnes() {
    String jdeps = """
        coldstart.jar -> java.base
        coldstart.jar -> java.desktop
           dev.coldstart.cli -> dev.coldstart.python   coldstart.jar
           dev.coldstart.cli -> sun.misc               JDK internal API (jdk.unsupported)
           dev.coldstart.serve -> com.sun.net.httpserver  jdk.httpserver
           tools.jackson.databind.ext -> javax.xml.datatype  java.xml
           tools.jackson.databind.ext.beans -> java.beans   java.desktop
           tools.jackson.databind.ext.sql -> java.sql      java.sql
           org.tomlj -> org.antlr.v4.runtime             not found
        """;
    assertThat(RuntimeImage.modulesFrom(jdeps, JDK))
        .containsExactly("java.base", "java.xml", "jdk.charsets", "jdk.httpserver", "jdk.unsupported");
  }

  @Test
  void keepsAnOptionalModuleOnceCodeOutsideJacksonUsesIt() {
    String jdeps = """
           tools.jackson.databind.ext.sql -> java.sql      java.sql
           dev.coldstart.store -> java.sql               java.sql
        """;
    assertThat(RuntimeImage.modulesFrom(jdeps, JDK)).contains("java.sql");
  }

  @Test
  void leavesOutJavaDesktopWhenOnlyPgjdbcsGeometricTypesUseIt() {
    String jdeps = """
           org.postgresql.geometric -> java.awt           java.desktop
           org.postgresql.core -> java.sql               java.sql
        """;
    assertThat(RuntimeImage.modulesFrom(jdeps, JDK)).contains("java.sql").doesNotContain("java.desktop");
    String more = jdeps + "   dev.coldstart.report -> java.awt   java.desktop\n";
    assertThat(RuntimeImage.modulesFrom(more, JDK)).contains("java.desktop");
  }
}
