using SshDoctor.Diagnosis;
using SshDoctor.Probing;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>
/// Prints each stage as it completes. On a terminal a pending line shows the running stage and is replaced when it
/// ends; when the output is redirected every line is plain and final. Decides nothing: it prints what the probe says.
/// </summary>
internal sealed class LiveStageRenderer(Terminal output, bool interactive, DiagnoseText text) : IProbeObserver
{
    private readonly Lock _gate = new();
    private bool _pending;

    public void StageStarted(Stage stage, string? hop)
    {
        if (!interactive)
        {
            return;
        }

        lock (_gate)
        {
            output.Write($"  … {Prefix(hop)}{stage.ToJson()}");
            output.Flush();
            _pending = true;
        }
    }

    public void StageCompleted(StageOutcome outcome)
    {
        lock (_gate)
        {
            if (_pending)
            {
                output.ClearLine();
                _pending = false;
            }

            output.WriteLine(Line(DiagnoseReportBuilder.Stage(outcome), outcome.Hop));
            output.Flush();
        }
    }

    public Shown Line(StageReport stage, string? hop)
    {
        var (mark, code, word) = stage.Status switch
        {
            "ok" => ("✓", Style.Good, text.Ok),
            "failed" => ("✗", Style.Failed, text.Failed),
            "warning" => ("!", Style.Warning, text.Warning),
            _ => ("·", Style.Dim, text.Skipped),
        };
        var elapsed = stage.ElapsedMs is { } ms ? $"{ms,5} ms" : "        ";
        var name = $"{Prefix(hop)}{stage.Stage}".PadRight(hop is null ? 8 : 8 + Prefix(hop).Length);
        return Terminal.Join(" ", [output.Paint($"  {mark} {name}", code), output.Paint(word.PadRight(8), code), output.Dim(elapsed), output.Paint(" " + text.StageDetail(stage.Detail), null)]);
    }

    private static string Prefix(string? hop) => hop is null ? "" : $"[{hop}] ";
}
