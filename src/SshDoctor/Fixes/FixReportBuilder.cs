using System.Globalization;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes.Applying;
using SshDoctor.Fixes.Planning;
using SshDoctor.Fixes.Records;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Fixes;

/// <summary>Turns a plan, its apply and the re-check into the fix contract (<see cref="FixRunReport"/>), texts in the chosen language.</summary>
public static class FixReportBuilder
{
    public static FixRunReport Build(string command, string status, FixPlan plan, Language language, FixApplyResult? applied = null, IReadOnlyList<FixOutcome>? outcomes = null, IEnumerable<FixRefusal>? moreRefused = null, string? error = null, IReadOnlyList<string>? undoOptions = null) => new()
    {
        Command = command,
        Status = status,
        Language = language == Language.Japanese ? "ja" : "en",
        Plan = plan.Fixes.Select(f => Planned(f, language)).ToList(),
        Refused = plan.Refused.Concat(moreRefused ?? []).Select(r => new FixRefusalReport { Id = r.Diagnosis.Id, Reason = r.Reason }).ToList(),
        Record = applied?.RecordId,
        UndoCommand = applied?.RecordId is { } record ? ShellCommands.Program("ssh-doctor", ["undo", .. undoOptions ?? [], record]) : null,
        Outcomes = outcomes?.Select(o => new FixOutcomeReport
        {
            Id = o.Applied.Fix.Diagnosis.Id,
            Result = o.Kind switch
            {
                FixOutcomeKind.Fixed => "fixed",
                FixOutcomeKind.StillFailing => "still-failing",
                _ => "not-applied",
            },
            Detail = o.Kind == FixOutcomeKind.StillFailing ? Title(o.Evidence!, language) : o.Applied.Problem,
            Evidence = o.Evidence?.Evidence.Select(Evidence).ToList() ?? [],
        }).ToList(),
        Error = error ?? applied?.Error,
    };

    public static PlannedFixReport Planned(PlannedFix fix, Language language) => new()
    {
        Id = fix.Diagnosis.Id,
        Title = Title(fix.Diagnosis, language),
        Evidence = fix.Diagnosis.Evidence.Select(Evidence).ToList(),
        Changes = fix.Steps.Select(Change).ToList(),
        Warnings = fix.Warnings,
        HostKey = fix.Confirmation is { } c ? new FixHostKeyReport
        {
            Host = c.Host,
            Recorded = c.Recorded.Select(r => new RecordedKeyReport { Fingerprint = r.Fingerprint, Where = r.Where }).ToList(),
            Presented = c.Presented,
            Verified = c.Verified,
        }
        : null,
    };

    public static FixChangeReport Change(FixStep step) => step switch
    {
        ContentStep c => new FixChangeReport { Kind = "content", Path = c.Path, Diff = c.Diff, Command = c.Command, NewMode = c.Before.Meta is null ? ShellCommands.Octal(c.NewFileMeta?.Mode ?? 0x180) : null },
        ModeStep m => new FixChangeReport { Kind = "mode", Path = m.Path, OldMode = ShellCommands.Octal(m.OldMode), NewMode = ShellCommands.Octal(m.NewMode), Command = m.Command },
        OwnerStep o => new FixChangeReport { Kind = "owner", Path = o.Path, OldOwner = Owner(o.OldUid, o.OldGid), NewOwner = Owner(o.NewUid, o.NewGid), Command = o.Command },
        DirectoryStep d => new FixChangeReport { Kind = "directory", Path = d.Path, NewMode = ShellCommands.Octal(d.Mode), NewOwner = Owner(d.Uid, d.Gid), Command = d.Command },
        ProgramStep p => new FixChangeReport { Kind = "program", Path = p.Path, Command = p.Command ?? ShellCommands.Program(p.Program, p.Arguments) },
        _ => new FixChangeReport { Kind = "unknown", Path = step.Path, Command = step.Command },
    };

    public static UndoReport Undo(UndoResult result) => new()
    {
        Command = "undo",
        Status = result.Error is null ? "undone" : result.Record is null ? "nothing-to-undo" : "refused",
        Records = result.Record is null ? [] : [Record(result.Record)],
        Changes = result.Actions.Select(a => new UndoChangeReport
        {
            Kind = a.Change.Kind,
            Path = a.Change.Path,
            Result = a.Verdict switch
            {
                UndoVerdict.Restore => "restored",
                UndoVerdict.AlreadyOld => "already-old",
                UndoVerdict.Changed => "changed",
                _ => "not-reversible",
            },
            Detail = a.Why,
        }).ToList(),
        Error = result.Error,
    };

    public static UndoReport List(IEnumerable<FixRecord> records) => new()
    {
        Command = "undo",
        Status = "listed",
        Records = records.Select(Record).ToList(),
    };

    public static FixRecordReport Record(FixRecord record) => new()
    {
        Id = record.Id,
        Time = record.Time,
        State = record.State,
        CommandLine = record.CommandLine,
        DiagnosisIds = record.DiagnosisIds,
        Paths = record.Changes.Select(c => c.Path).Distinct(StringComparer.Ordinal).ToList(),
    };

    private static string Title(Diagnosis.Diagnosis diagnosis, Language language) =>
        Template.Fill(DiagnosisCatalogue.Get(diagnosis.Id, language).Title, diagnosis.Values);

    private static EvidenceReport Evidence(Diagnosis.Evidence e) =>
        new() { Source = e.Source.ToJson(), Text = Redaction.Redact(e.Text), Where = e.Where };

    private static string Owner(uint uid, uint gid) =>
        uid.ToString(CultureInfo.InvariantCulture) + ":" + gid.ToString(CultureInfo.InvariantCulture);
}
