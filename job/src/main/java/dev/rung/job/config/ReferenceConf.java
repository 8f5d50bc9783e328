package dev.rung.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.rung.job.config.Declaration.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The defaults of every setting, {@code rung-reference.conf}, as written from {@link Settings}: the
 * loader merges them under the user's file, and the file kept in the sources is this text (a test
 * compares them). Blocks at the top level are set apart by a blank line; each declaration's
 * documentation is the comment above it.
 */
final class ReferenceConf {
  /** The reference file in the sources, from the repository's root. */
  static final String SOURCE = "job/src/main/resources/rung-reference.conf";

  private static final String INDENT = "  ";

  private static final Config DEFAULTS =
      ConfigFactory.parseString(
          text(),
          ConfigParseOptions.defaults()
              .setSyntax(ConfigSyntax.CONF)
              .setOriginDescription("rung-reference.conf"));

  private ReferenceConf() {}

  /** The defaults, parsed (values carry the documentation as comments, as parsed from the file). */
  static Config defaults() {
    return DEFAULTS;
  }

  /** The text of the reference file. */
  static String text() {
    StringBuilder out = new StringBuilder();
    for (String line : Settings.HEADER) {
      out.append(comment(line)).append('\n');
    }
    out.append(Settings.ROOT).append(" {\n");
    List<String> open = new ArrayList<>();
    boolean first = true;
    for (Declaration d : Settings.declarations()) {
      List<String> parent = parts(d.path());
      String name = parent.remove(parent.size() - 1);
      while (open.size() > parent.size() || !open.equals(parent.subList(0, open.size()))) {
        open.remove(open.size() - 1);
        line(out, open.size(), "}");
      }
      while (open.size() < parent.size()) {
        first = separate(out, open.size(), first);
        line(out, open.size(), parent.get(open.size()) + " {");
        open.add(parent.get(open.size()));
      }
      first = separate(out, open.size(), first);
      for (String doc : d.doc()) {
        line(out, open.size(), comment(doc));
      }
      if (d instanceof Setting<?> s) {
        line(out, open.size(), name + " = " + s.writtenDefault());
      } else if (((Section) d).free()) {
        line(out, open.size(), name + " {}");
      } else {
        line(out, open.size(), name + " {");
        open.add(name);
      }
    }
    for (int depth = open.size() - 1; depth >= 0; depth--) {
      line(out, depth, "}");
    }
    return out.append("}\n").toString();
  }

  /** A blank line before each entry at the top level but the first. */
  private static boolean separate(StringBuilder out, int depth, boolean first) {
    if (depth == 0 && !first) {
      out.append('\n');
    }
    return false;
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append(INDENT.repeat(depth + 1)).append(text).append('\n');
  }

  private static String comment(String line) {
    return line.isEmpty() ? "#" : "# " + line;
  }

  private static List<String> parts(String path) {
    return new ArrayList<>(List.of(path.split("\\.")));
  }
}
