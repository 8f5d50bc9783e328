package dev.rung.training.trainer;

import dev.rung.training.api.Trainer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Finds a user's {@link Trainer} class by name and creates instances of it. Classes are looked up
 * through the thread's context class loader: on a Spark executor (and on a driver started by
 * spark-submit) that loader sees the jars given with {@code --jars}.
 */
public final class TrainerClasses {
  private TrainerClasses() {}

  /**
   * Loads and checks {@code className}: it must exist, implement {@link Trainer}, be a public
   * concrete class and have a public no-argument constructor.
   *
   * @throws TrainerClassException saying which of these fails
   */
  public static Class<? extends Trainer> load(String className) {
    return load(className, loader());
  }

  /** Like {@link #load(String)}, through {@code loader}. */
  public static Class<? extends Trainer> load(String className, ClassLoader loader) {
    Class<?> c;
    try {
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new TrainerClassException(
          "class '"
              + className
              + "' is not found: pass the jar that holds it to spark-submit with --jars"
              + " (or put it on the classpath)");
    } catch (LinkageError e) {
      throw new TrainerClassException(
          "class '" + className + "' cannot be loaded: " + e + " (is a jar it needs missing?)");
    }
    if (!Trainer.class.isAssignableFrom(c)) {
      throw new TrainerClassException(
          "class '" + className + "' does not implement " + Trainer.class.getName());
    }
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
      throw new TrainerClassException(
          "class '"
              + className
              + "' is "
              + (c.isInterface() ? "an interface" : "abstract")
              + ": name a concrete class that can be instantiated");
    }
    if (!Modifier.isPublic(c.getModifiers())
        || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) {
      throw new TrainerClassException(
          "class '"
              + className
              + "' is not a public top-level or public static nested class,"
              + " so Rung cannot instantiate it");
    }
    try {
      c.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new TrainerClassException(
          "class '"
              + className
              + "' has no public no-argument constructor: Rung creates one instance per"
              + " trial segment with it");
    }
    return c.asSubclass(Trainer.class);
  }

  /** A new instance of {@code type}, through its public no-argument constructor. */
  public static Trainer instantiate(Class<? extends Trainer> type) {
    try {
      Constructor<? extends Trainer> constructor = type.getConstructor();
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IllegalStateException(
          "the constructor of " + type.getName() + " threw " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + type.getName() + ": " + e, e);
    }
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TrainerClasses.class.getClassLoader();
  }
}
