package dev.rung.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rung.training.api.Trainer;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a trainer class, as Spark's class loader for the user's jar would. */
class TrainerClassesTest {

  /** A trainer compiled into a jar of its own that the test's class path does not hold. */
  private static Path userJar(Path dir) throws Exception {
    Path src = dir.resolve("src/com/acme/JarTrainer.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        """
        package com.acme;
        public class JarTrainer implements dev.rung.training.api.Trainer {
          public void init(dev.rung.training.api.TrialContext c) {}
          public java.util.Map<String, Double> trainEpoch(int e) {
            return java.util.Map.of("val_accuracy", 0.5);
          }
          public void save(java.io.OutputStream out) {}
          public void restore(java.io.InputStream in) {}
        }
        """);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.toString());
    assertEquals(0, rc, "the test trainer compiles");
    Path jar = dir.resolve("my-trainer.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("com/acme/JarTrainer.class"));
      Files.copy(classes.resolve("com/acme/JarTrainer.class"), (OutputStream) out);
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void aClassFromTheUsersJarIsFoundThroughTheContextClassLoader(@TempDir Path dir)
      throws Exception {
    Path jar = userJar(dir);
    assertThrows(TrainerClassException.class, () -> TrainerClasses.load("com.acme.JarTrainer"));
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader user =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(user);
      Class<? extends Trainer> type = TrainerClasses.load("com.acme.JarTrainer");
      assertEquals(user, type.getClassLoader());
      assertEquals(0.5, TrainerClasses.instantiate(type).trainEpoch(0).get("val_accuracy"), 0.0);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void unusableClassesAreRefusedWithTheReason() {
    record Case(String name, String fragment) {}
    for (Case c :
        List.of(
            new Case("com.acme.Nowhere", "--jars"),
            new Case("java.lang.String", "does not implement dev.rung.training.api.Trainer"),
            new Case(Trainer.class.getName(), "is an interface"),
            new Case(Abstract.class.getName(), "is abstract"),
            new Case(NeedsArgument.class.getName(), "no public no-argument constructor"),
            new Case(Hidden.class.getName(), "not a public"))) {
      TrainerClassException e =
          assertThrows(TrainerClassException.class, () -> TrainerClasses.load(c.name()), c.name());
      assertTrue(e.getMessage().contains(c.name()), e.getMessage());
      assertTrue(e.getMessage().contains(c.fragment()), e.getMessage());
    }
    assertEquals(
        TrainerTaskTest.WalkTrainer.class,
        TrainerClasses.load(TrainerTaskTest.WalkTrainer.class.getName()));
  }

  /** Abstract. */
  public abstract static class Abstract implements Trainer {}

  /** No no-argument constructor. */
  public static class NeedsArgument extends TrainerTaskTest.WalkTrainer {
    public NeedsArgument(int x) {
      super();
    }
  }

  /** Not public. */
  static class Hidden extends TrainerTaskTest.WalkTrainer {}
}
