package dev.rung.training.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The built-in network families, as {@code META-INF/services/dev.rung.training.model.NetworkFamily}
 * lists them (in that order: the first is the default family).
 */
public final class NetworkFamilies {
  private static final Map<String, NetworkFamily> FAMILIES = load();

  private NetworkFamilies() {}

  private static Map<String, NetworkFamily> load() {
    Map<String, NetworkFamily> out = new LinkedHashMap<>();
    for (NetworkFamily f :
        ServiceLoader.load(NetworkFamily.class, NetworkFamily.class.getClassLoader())) {
      NetworkFamily earlier = out.putIfAbsent(f.name(), f);
      if (earlier != null) {
        throw new IllegalStateException(
            "two network families are named '"
                + f.name()
                + "': "
                + earlier.getClass().getName()
                + " and "
                + f.getClass().getName());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no network family is on the class path");
    }
    return out;
  }

  /** Every family's name, the default first. */
  public static List<String> names() {
    return new ArrayList<>(FAMILIES.keySet());
  }

  /** Every family, the default first. */
  public static List<NetworkFamily> all() {
    return new ArrayList<>(FAMILIES.values());
  }

  /**
   * The family named {@code name} (any case).
   *
   * @throws IllegalArgumentException naming the value and the families there are
   */
  public static NetworkFamily get(String name) {
    NetworkFamily f = FAMILIES.get(name.trim().toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException(
          "parameter 'model' = '" + name + "' is not known; allowed: " + names());
    }
    return f;
  }

  /** The family whose networks {@code spec} describes. */
  public static NetworkFamily of(NetworkSpec spec) {
    return get(spec.family());
  }
}
