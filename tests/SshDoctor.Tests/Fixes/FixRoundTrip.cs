using SshDoctor.Audit;
using SshDoctor.Diagnosis;
using SshDoctor.Fixes.Applying;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Tests.Fixes;

/// <summary>Applies a content change through the real applier (backup, record, lock, atomic replace) and undoes it.</summary>
internal static class FixRoundTrip
{
    /// <summary>A context for a test home: the current user, records under HOME/state.</summary>
    public static FixContext Context(string home) => new()
    {
        Home = home,
        Uid = NativeUnix.GetUid(),
        Gid = NativeFiles.GetGid(),
        UserName = Environment.UserName,
        Programs = new ProgramRunner(),
        StateDirectory = Path.Combine(home, "state"),
    };

    public static PlannedFix ContentFix(string id, string path, byte[] after) =>
        new(Diagnosis.Diagnosis.Create(id, Certainty.Proven, [new Evidence(EvidenceSource.Local, "test")]),
            [new ContentStep { Path = path, Before = FixFiles.Read(path, mayBeMissing: true), After = after }]);

    /// <summary>Applies <paramref name="after"/> to <paramref name="path"/>, checks it was written with the old owner and mode, undoes, and returns the error of either step (null: both fine).</summary>
    public static string? ApplyThenUndo(string home, string path, byte[] after)
    {
        var context = Context(home);
        var before = File.ReadAllBytes(path);
        var status = NativeUnix.Stat(path, followLinks: false);
        var applied = FixApplier.Apply(new FixPlan([ContentFix(DiagnosisIds.SessionBrokenPipe, path, after)], []), context, "test");
        if (applied.Error is not null)
        {
            return "apply: " + applied.Error;
        }

        var written = NativeUnix.Stat(path, followLinks: false);
        if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(after) || written.Mode != status.Mode || written.Uid != status.Uid || written.Gid != status.Gid)
        {
            return "apply did not write the new content with the old owner and mode";
        }

        var undone = FixUndoer.Undo(context, applied.RecordId, force: false);
        if (undone.Error is not null)
        {
            return "undo: " + undone.Error;
        }

        var back = NativeUnix.Stat(path, followLinks: false);
        return File.ReadAllBytes(path).AsSpan().SequenceEqual(before) && back.Mode == status.Mode && back.Uid == status.Uid && back.Gid == status.Gid
            ? null
            : "undo did not give back the same bytes, mode and owner";
    }
}
