package io.tempguard.console;

import io.tempguard.OrphanSweep;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManagerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code sweep}: deletes what JVMs killed without cleanup left behind, from their crash journals; no JVM needed. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Delete the temp paths that dead JVMs (kill -9, OOM killer, power loss) left behind, as listed "
                + "in their crash journals. Journals of live JVMs are left alone. Needs no running JVM.",
                "Exit code 1 when a path could not be deleted or a journal was unreadable or refused."})
final class Sweep extends BaseCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--journal-dir", paramLabel = "DIR",
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

    @Override
    protected String subject() {
        return "the journal directory";
    }
}
