package dev.rung.job.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A subcommand that parses its own arguments: a method {@code int run(List<String> args,
 * PrintStream out, PrintStream err)} given to {@link #of}. The command line only adds {@code
 * --help} (with the synopsis and description given here) and the mapping of exceptions to exit
 * codes ({@link Main}); every other argument, options included, is passed on as it was written.
 */
final class ArgsCommand implements Callable<Integer> {

  /** A command's body: parses {@code args}, prints, returns the exit code. */
  @FunctionalInterface
  interface Body {
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
  }

  private final Body body;
  private final Streams io;
  private final PositionalParamSpec rest;

  private ArgsCommand(Body body, Streams io, PositionalParamSpec rest) {
    this.body = body;
    this.io = io;
    this.rest = rest;
  }

  /**
   * The subcommand {@code name} running {@code body}.
   *
   * @param synopsis its arguments as {@code --help} shows them, e.g. {@code "CONF [key=value ...]"}
   * @param description what it does, one or more lines
   */
  static CommandLine of(String name, String synopsis, String description, Body body, Streams io) {
    PositionalParamSpec rest =
        PositionalParamSpec.builder()
            .arity("0..*")
            .type(String[].class)
            .paramLabel("ARGS")
            .hidden(true)
            .build();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(new ArgsCommand(body, io, rest));
    spec.name(name).mixinStandardHelpOptions(true).versionProvider(new Main.Version());
    spec.addPositional(rest);
    spec.parser().unmatchedOptionsArePositionalParams(true);
    spec.usageMessage()
        .customSynopsis("rung " + name + " " + synopsis)
        .description(description.split("\n"))
        .footer(Main.SEE_EXIT_CODES);
    return new CommandLine(spec);
  }

  /** The same, left out of {@code rung --help} (a step of {@code bin/rung}, not for users). */
  static CommandLine hidden(
      String name, String synopsis, String description, Body body, Streams io) {
    CommandLine cli = of(name, synopsis, description, body, io);
    cli.getCommandSpec().usageMessage().hidden(true);
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    String[] args = rest.getValue();
    return body.run(args == null ? List.of() : Arrays.asList(args), io.out(), io.err());
  }
}
