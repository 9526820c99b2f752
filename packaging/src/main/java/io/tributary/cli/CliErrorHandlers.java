package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of every subcommand into one line on stderr, named by the command:
 * {@code tributary topics create: topic 'logs' already exists}. Bad usage exits 2, anything else 1;
 * stack traces are never printed (set {@code TRIBUTARY_DEBUG=1} to get them while developing).
 */
final class CliErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    static CommandLine install(CommandLine commandLine) {
        CliErrorHandlers handlers = new CliErrorHandlers();
        return commandLine.setParameterExceptionHandler(handlers).setExecutionExceptionHandler(handlers);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return 2;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        if ("1".equals(System.getenv("TRIBUTARY_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
        }
        int code = e instanceof CliException cli ? cli.exitCode() : 1;
        String message = e instanceof CliException ? e.getMessage() : ClientErrors.oneLine(e);
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        cmd.getErr().flush();
        return code;
    }
}
