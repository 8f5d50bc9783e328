package dev.rung.job.trainers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A user's jar, as users ship their trainers: only the trainer's classes, not Rung's. */
public final class TrainerJars {
  private TrainerJars() {}

  /**
   * {@code dir/my-trainer.jar} holding the {@link CurveTrainer}'s classes from the test classes.
   */
  public static Path curveTrainer(Path dir) throws IOException {
    return jar(dir, "CurveTrainer.class", "CurveTrainer$Event.class");
  }

  /** {@code dir/my-trainer.jar} holding the {@link NativeTrainer}'s classes. */
  public static Path nativeTrainer(Path dir) throws IOException {
    return jar(dir, "NativeTrainer.class");
  }

  private static Path jar(Path dir, String... names) throws IOException {
    Path jar = dir.resolve("my-trainer.jar");
    Path classes = Path.of("target", "test-classes");
    String pkg = CurveTrainer.class.getPackageName().replace('.', '/');
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (String name : names) {
        out.putNextEntry(new JarEntry(pkg + "/" + name));
        out.write(Files.readAllBytes(classes.resolve(pkg).resolve(name)));
        out.closeEntry();
      }
    }
    return jar;
  }
}
