package io.github.themis4j.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** A command that only groups sub-commands (run alone it is a usage error), and the output stream. */
abstract class GroupCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "'" + spec.qualifiedName() + "' needs a sub-command");
  }

  /** Where commands write their result (System.out, set up by the launcher). */
  static PrintStream stdout() {
    return System.out;
  }
}
