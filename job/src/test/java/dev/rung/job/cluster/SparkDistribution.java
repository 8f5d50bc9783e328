package dev.rung.job.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark distribution assembled from Maven Central: {@code $SPARK_HOME/jars} holds the runtime
 * jars of spark-core and spark-sql (the versions this build runs with), copied by {@code mvn
 * dependency:copy-dependencies} from {@code src/test/resources/cluster/spark-dist-pom.xml}, and
 * {@code $SPARK_HOME/RELEASE} tells Spark's launcher to use {@code jars/}. Assembled once into
 * {@code target/spark-home} and reused.
 *
 * <p>Maven runs offline first (the jars are in the local repository after any build of this
 * project) and online when that fails. {@code -Drung.mvn=/path/to/mvn} chooses the Maven command.
 */
final class SparkDistribution {
  private SparkDistribution() {}

  /** The distribution's home, assembled if needed. */
  static synchronized Path home() throws IOException, InterruptedException {
    Path home = Path.of("target", "spark-home").toAbsolutePath();
    Path done = home.resolve(".assembled-" + sparkVersion());
    if (Files.exists(done)) {
      return home;
    }
    Path jars = home.resolve("jars");
    deleteTree(jars);
    Files.createDirectories(jars);
    Path pom =
        Path.of("src", "test", "resources", "cluster", "spark-dist-pom.xml").toAbsolutePath();
    if (!copyJars(pom, jars, true) && !copyJars(pom, jars, false)) {
      throw new IOException(
          "could not copy Spark's jars with Maven; see " + home.resolve("assemble.log"));
    }
    Files.writeString(
        home.resolve("RELEASE"),
        "Spark " + sparkVersion() + " assembled from Maven Central for Rung's cluster tests\n",
        StandardCharsets.UTF_8);
    Files.writeString(done, "");
    return home;
  }

  /** The Spark version on the test classpath (the one the job is built against). */
  static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  private static boolean copyJars(Path pom, Path jars, boolean offline)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("rung.mvn", "mvn"));
    cmd.add("-B");
    cmd.add("-q");
    if (offline) {
      cmd.add("-o");
    }
    cmd.addAll(
        List.of(
            "-f",
            pom.toString(),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            "-DoutputDirectory=" + jars,
            "-Dspark.version=" + sparkVersion(),
            "-Dscala.version=" + scala.util.Properties.versionNumberString(),
            "-Dslf4j.version=" + slf4jVersion()));
    Path log = jars.getParent().resolve("assemble.log");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      return false;
    }
    File[] copied = jars.toFile().listFiles((d, n) -> n.startsWith("spark-core_"));
    return p.exitValue() == 0 && copied != null && copied.length == 1;
  }

  private static String slf4jVersion() {
    Package p = org.slf4j.LoggerFactory.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "2.0.7" : v;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
