package io.github.themis4j.cli;

import io.github.themis4j.ThemisException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code themis4j} command: entry point, sub-command table and error handling.
 *
 * <p>Exit status 0 on success; 1 when the operation fails (wrong key, malformed input, unreadable
 * file); 2 for a usage error. A failure prints exactly one line on stderr and nothing on stdout:
 * every command computes its whole output before writing any of it.
 */
@Command(
    name = "themis4j",
    mixinStandardHelpOptions = true,
    versionProvider = Themis4jCli.Version.class,
    description = "Themis 0.15 keys, Secure Cells, Secure Messages and themis4j column values.")
public final class Themis4jCli implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    // The Themis tool contract has its own positional syntax: bypass picocli (and its start-up).
    if (args.length >= 2 && args[0].equals("tools") && !args[1].startsWith("-")) {
      return ThemisTools.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    CommandLine cl = new CommandLine(new Themis4jCli());
    addSubcommands(cl, args);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          err.println("themis4j: " + describe(ex));
          return EXIT_FAILURE;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("themis4j: " + usageMessage(ex) + " (see --help)");
          return EXIT_USAGE;
        });
    return cl.execute(args);
  }

  /**
   * Adds the sub-commands; only {@code first}'s when it names one, since building picocli's model
   * of every command costs most of a short command's start-up.
   */
  private static void addSubcommands(CommandLine cl, String[] args) {
    String first = args.length == 0 ? "" : args[0];
    String[] names = {"keygen", "cell", "message", "inspect", "column", "keys", "index", "tools"};
    boolean known = Arrays.asList(names).contains(first);
    for (String name : names) {
      if (!known || name.equals(first)) {
        CommandLine sub = new CommandLine(command(name));
        if (name.equals("cell")) {
          CellCommand.addModes(sub, known && args.length > 1 ? args[1] : "");
        }
        cl.addSubcommand(name, sub);
      }
    }
  }

  private static Object command(String name) {
    switch (name) {
      case "keygen":
        return new KeygenCommand();
      case "cell":
        return new CellCommand();
      case "message":
        return new MessageCommand();
      case "inspect":
        return new InspectCommand();
      case "column":
        return new ColumnCommand();
      case "keys":
        return new KeysCommand();
      case "index":
        return new IndexCommand();
      default:
        return new ToolsCommand();
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** One line for a failure, without secrets: our own messages, Themis's, or a file problem. */
  static String describe(Throwable ex) {
    if (ex instanceof UncheckedIOException && ex.getCause() != null) {
      ex = ex.getCause();
    }
    String msg;
    if (ex instanceof CliException || ex instanceof ThemisException) {
      msg = ex.getMessage();
    } else if (ex instanceof NoSuchFileException) {
      msg = "no such file: " + ex.getMessage();
    } else if (ex instanceof AccessDeniedException) {
      msg = "permission denied: " + ex.getMessage();
    } else if (ex instanceof FileAlreadyExistsException) {
      msg = "file exists (use --force to replace it): " + ex.getMessage();
    } else if (ex instanceof IOException) {
      msg = "I/O error: " + ex.getClass().getSimpleName() + " " + ex.getMessage();
    } else {
      msg = "internal error (" + ex.getClass().getName() + ")";
    }
    return oneLine(msg);
  }

  private static String usageMessage(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      // The unmatched word could be a secret typed in the wrong place: do not echo it.
      CommandLine.UnmatchedArgumentException u = (CommandLine.UnmatchedArgumentException) ex;
      boolean option = u.getUnmatched().stream().anyMatch(s -> s.startsWith("-"));
      return option
          ? "unknown option " + u.getUnmatched().get(0).replaceAll("=.*", "")
          : "unexpected argument";
    }
    return oneLine(ex.getMessage());
  }

  static String oneLine(String s) {
    return s == null ? "failed" : s.replaceAll("[\\r\\n]+", " ").trim();
  }

  /** The version printed by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Themis4jCli.class.getPackage().getImplementationVersion();
      return new String[] {"themis4j " + (v == null ? "(development build)" : v) + ", Themis 0.15"};
    }
  }
}
