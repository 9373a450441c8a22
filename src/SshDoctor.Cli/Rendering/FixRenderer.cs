using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>Prints a fix plan, its outcomes and undo results for people. Decides nothing: everything shown comes from the reports.</summary>
internal sealed class FixRenderer(Terminal output, Language language)
{
    private readonly FixUiText _ui = FixUiText.For(language);

    public FixUiText Text => _ui;

    public void RenderPlan(FixRunReport report)
    {
        if (report.Plan.Count == 0)
        {
            output.WriteLine(output.Paint(_ui.NothingToFix, Style.Warning));
        }
        else
        {
            output.WriteLine(output.Bold($"{_ui.Plan}:"));
        }

        var n = 0;
        foreach (var fix in report.Plan)
        {
            n++;
            output.WriteLine($"{n}. {output.Bold(fix.Id)} — {fix.Title}");
            foreach (var evidence in fix.Evidence.Take(5))
            {
                var where = evidence.Where is null ? string.Empty : $" ({evidence.Where})";
                output.WriteLine($"   {output.Dim(_ui.Why + ":")} {evidence.Text}{where}");
            }

            foreach (var change in fix.Changes)
            {
                RenderChange(change);
            }

            if (fix.HostKey is { } key)
            {
                foreach (var recorded in key.Recorded)
                {
                    output.WriteLine($"   {_ui.Recorded,-24} {output.Paint(recorded.Fingerprint, Style.Bad)}  ({recorded.Where})");
                }

                output.WriteLine($"   {_ui.Presented,-24} {output.Paint(key.Presented, Style.Good)}  ({(key.Verified ? _ui.Verified : _ui.NotVerified)})");
            }

            foreach (var warning in fix.Warnings)
            {
                output.WriteLine(output.Paint($"   ! {_ui.Warning}: {warning}", Style.Warning));
            }

            output.WriteLine();
        }

        RenderRefused(report);
    }

    public void RenderOutcome(FixRunReport report)
    {
        if (report.Error is { } error)
        {
            output.WriteLine(output.Paint($"✗ {_ui.Failed}: {error}", Style.Failed));
        }

        foreach (var outcome in report.Outcomes ?? [])
        {
            var (mark, word, code) = outcome.Result switch
            {
                "fixed" => ("✓", _ui.Fixed, Style.Good),
                "still-failing" => ("✗", _ui.StillFailing, Style.Bad),
                _ => ("·", _ui.NotApplied, Style.Warning),
            };
            var detail = outcome.Detail is null ? string.Empty : $": {outcome.Detail}";
            output.WriteLine($"{output.Paint($"{mark} {word}", code)} {outcome.Id}{detail}");
            foreach (var evidence in outcome.Evidence.Take(3))
            {
                output.WriteLine($"   {output.Dim(_ui.Why + ":")} {evidence.Text}");
            }
        }

        if (report.UndoCommand is { } undo && report.Outcomes is { Count: > 0 })
        {
            output.WriteLine(output.Dim($"{_ui.RecordSaved} {undo}"));
        }
    }

    public void RenderUndo(UndoReport report)
    {
        if (report.Status == "listed")
        {
            if (report.Records.Count == 0)
            {
                output.WriteLine(_ui.NoRecords);
            }

            foreach (var record in report.Records)
            {
                output.WriteLine($"{output.Bold(record.Id)}  {record.State,-9} {string.Join(",", record.DiagnosisIds)}");
                output.WriteLine($"   {output.Dim(record.CommandLine)}");
                foreach (var path in record.Paths)
                {
                    output.WriteLine($"   {path}");
                }
            }

            return;
        }

        foreach (var change in report.Changes)
        {
            var word = change.Result switch
            {
                "restored" => output.Paint(_ui.Restored, Style.Good),
                "already-old" => output.Dim(_ui.AlreadyOld),
                "changed" => output.Paint(_ui.ChangedSince, Style.Bad),
                _ => output.Paint(_ui.NotReversible, Style.Warning),
            };
            output.WriteLine($"  {word}  {change.Kind} {change.Path}");
        }

        if (report.Error is { } error)
        {
            output.WriteLine(output.Paint($"✗ {(report.Status == "nothing-to-undo" ? _ui.NoRecords : _ui.Refused)}: {error}", Style.Failed));
        }
        else
        {
            output.WriteLine(output.Paint($"✓ {_ui.Undone}: {(report.Records.Count > 0 ? report.Records[0].Id : string.Empty)}", Style.Good));
        }
    }

    private void RenderChange(FixChangeReport change)
    {
        switch (change.Kind)
        {
            case "content":
                output.WriteLine($"   {output.Bold(change.Path)}{(change.NewMode is { } mode ? $" ({_ui.NewFile}, {mode})" : string.Empty)}");
                if (change.Command is { } edit)
                {
                    output.WriteLine($"   $ {edit}");
                }

                foreach (var line in (change.Diff ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var code = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? Style.Bold
                        : line.StartsWith('+') ? Style.Good : line.StartsWith('-') ? Style.Bad : line.StartsWith("@@", StringComparison.Ordinal) ? Style.Note : null;
                    output.WriteLine($"     {output.Paint(line, code)}");
                }

                break;
            case "mode":
                output.WriteLine($"   $ {change.Command}   ({change.OldMode} → {change.NewMode})");
                break;
            case "owner":
                output.WriteLine($"   $ {change.Command}   ({change.OldOwner} → {change.NewOwner})");
                break;
            default:
                output.WriteLine($"   $ {change.Command}");
                break;
        }
    }

    private void RenderRefused(FixRunReport report)
    {
        if (report.Refused.Count == 0)
        {
            return;
        }

        output.WriteLine(output.Bold($"{_ui.NotFixed}:"));
        foreach (var refused in report.Refused)
        {
            output.WriteLine($"  • {refused.Id}: {refused.Reason}");
        }

        output.WriteLine();
    }
}
