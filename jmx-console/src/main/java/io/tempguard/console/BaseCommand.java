package io.tempguard.console;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import javax.management.InstanceNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;

/**
 * The base of every command: the writers to print through, and the one place where outcomes
 * become exit codes. A command returns an {@link ExitCode} or throws; {@link #call()} turns what
 * was thrown into one line on stderr (a stack trace only with {@code --verbose}) and its code.
 * Usage errors are left to picocli (exit 2).
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command's work. */
    protected abstract ExitCode execute() throws Exception;

    /** How failure messages name what the command works on. */
    protected String subject() {
        return "the target";
    }

    @Override
    public final Integer call() {
        try {
            return execute().code();
        } catch (ParameterException e) {
            throw e; // picocli's usage handling: message and exit 2
        } catch (Exception | LinkageError e) {
            ConsoleException failure = explain(e);
            err().println("tempguard-console: " + failure.getMessage());
            if (verbose()) {
                e.printStackTrace(err());
            } else if (failure.getCause() == e && failure.exitCode() == ExitCode.FAILED) {
                err().println("(run with --verbose for the stack trace)");
            }
            return failure.exitCode().code();
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** Maps anything thrown to an explained failure; the single mapping of the console. */
    private ConsoleException explain(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof UndeclaredThrowableException && t.getCause() != null) t = t.getCause(); // JMX proxies
        if (t instanceof ConsoleException) return (ConsoleException) t;
        if (t instanceof SecurityException) {
            return ConsoleException.denied(subject() + " refused the operation: " + t.getMessage()
                    + " (check the user's access level in the JMX access file)", thrown);
        }
        if (t instanceof InstanceNotFoundException) {
            return ConsoleException.unreachable("tempguard's MBean is no longer registered in " + subject()
                    + " (is the JVM shutting down?)", thrown);
        }
        if (t instanceof IOException) {
            return ConsoleException.unreachable("lost the connection to " + subject() + ": "
                    + Connector.rootMessage(t), thrown);
        }
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).contains("com/sun/tools/attach")) {
            return ConsoleException.unreachable("the Attach API (module jdk.attach) is missing: run the console "
                    + "with the java of a JDK, not a JRE", thrown);
        }
        return new ConsoleException(ExitCode.FAILED, "unexpected error: " + t, thrown);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The global {@code --verbose}, given before or after the command name. */
    boolean verbose() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            OptionSpec option = s.findOption("--verbose");
            if (option != null && Boolean.TRUE.equals(option.getValue())) return true;
        }
        return false;
    }
}
