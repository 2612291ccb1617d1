package io.tempguard.console;

import io.tempguard.OrphanSweep;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManagerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** {@code sweep}: deletes what JVMs killed without cleanup left behind, from their crash journals; no JVM needed. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Delete the temp paths that dead JVMs (kill -9, OOM killer, power loss) left behind, as listed "
                + "in their crash journals. Journals of live JVMs are left alone. Needs no running JVM.",
                "Exit code 1 when a path could not be deleted or a journal was unreadable or refused."})
final class Sweep extends BaseCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--journal-dir", paramLabel = "DIR", converter = ExistingDirectory.class,
            description = "The journal directory (default: <java.io.tmpdir>/.tempguard of this console, i.e. ${sys:java.io.tmpdir}/.tempguard).")
    Path journalDir;

    @Option(names = "--dry-run", description = "Report what would be deleted; delete nothing, change no journal.")
    boolean dryRun;

    @Override
    protected ExitCode execute() {
        Path dir = (journalDir != null ? journalDir : TempFileManagerConfig.defaultJournalDirectory())
                .toAbsolutePath().normalize();
        SweepResult result = OrphanSweep.sweep(dir, dryRun);
        CleanupView paths = CleanupView.of(result.paths());
        if (json.enabled()) {
            Json doc = new Json().beginObject()
                    .field("journalDir", dir.toString())
                    .field("dryRun", result.isDryRun())
                    .field("journalsSwept", result.journalsSwept())
                    .field("journalsLive", result.journalsLive())
                    .field("journalsSetAside", result.journalsSetAside())
                    .field("journalsBusy", result.journalsBusy())
                    .stringArray("problems", result.problems())
                    .name("paths").beginObject();
            paths.writeFields(doc);
            doc.endObject().field("summary", result.summary());
            JsonOption.print(out(), doc.endObject());
        } else {
            out().println("journal directory " + TerminalText.escape(dir.toString()));
            out().println(result.summary());
            for (String problem : result.problems()) out().println("  problem: " + TerminalText.escape(problem));
            paths.printLists(out());
        }
        if (!result.isClean()) {
            err().println("tempguard-console: the sweep of " + dir + " was not clean: " + paths.failureCount()
                    + " path failure(s), " + result.problems().size() + " journal problem(s)");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    /**
     * A usage error (exit 2) unless the value names an existing directory: a sweep of a missing
     * directory or of a file would report "0 swept" as if all were well, and an empty value would
     * sweep the working directory.
     */
    static final class ExistingDirectory implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isEmpty()) {
                throw new TypeConversionException("'' is empty: give the journal directory, or leave the option out "
                        + "for the default <java.io.tmpdir>/.tempguard");
            }
            Path dir;
            try {
                dir = Paths.get(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + TerminalText.escape(value) + "' is not a path: " + e.getReason());
            }
            if (!Files.exists(dir)) throw new TypeConversionException("'" + value + "' does not exist: give an existing journal directory");
            if (!Files.isDirectory(dir)) throw new TypeConversionException("'" + value + "' is not a directory: give the journal directory");
            return dir;
        }
    }

    @Override
    protected String subject() {
        return "the journal directory";
    }
}
