using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>Prints a report for people. Decides nothing: everything shown comes from the report.</summary>
internal sealed class ConsoleRenderer(Terminal output, Language language)
{
    private readonly UiText _ui = UiText.For(language);

    public void Render(Report report)
    {
        if (report.Inputs is { Count: > 0 } inputs)
        {
            foreach (var input in inputs)
            {
                var note = input.Note is null ? string.Empty : $" — {input.Note}";
                output.WriteLine(output.Dim($"{_ui.Inputs}: {input.Name} ({input.Kind}, {input.Lines} {_ui.Lines}, {input.Recognised} {_ui.Recognised}){note}"));
            }

            output.WriteLine();
        }

        foreach (var session in report.Sessions ?? [])
        {
            RenderSession(session);
        }

        // A hint the evidence makes likely (a git host refusing every key) is the cause, shown with its fixes.
        var main = report.Diagnoses.Where(d => d.Certainty != "possible").ToList();
        var possible = report.Diagnoses.Where(d => d.Certainty == "possible" && !d.Id.StartsWith("hint.", StringComparison.Ordinal)).ToList();
        var hints = report.Diagnoses.Where(d => d.Certainty == "possible" && d.Id.StartsWith("hint.", StringComparison.Ordinal)).ToList();
        if (report.Diagnoses.Count == 0)
        {
            var recognised = report.Inputs?.Sum(i => i.Recognised) ?? 1;
            output.WriteLine(recognised == 0 ? output.Paint(_ui.NothingRecognised, Style.Warning) : output.Paint("✓ " + _ui.NothingWrong, Style.Good));
            return;
        }

        foreach (var d in main.Count > 0 ? main : possible.Take(1))
        {
            RenderDiagnosis(d);
        }

        var rest = main.Count > 0 ? possible : possible.Skip(1).ToList();
        if (rest.Count > 0)
        {
            output.WriteLine(output.Bold(_ui.AlsoPossible + ":"));
            foreach (var d in rest)
            {
                output.WriteLine($"  • {d.Id} — {d.Title}");
            }

            output.WriteLine();
        }

        foreach (var h in hints)
        {
            output.WriteLine(output.Paint($"ℹ {h.Title}", Style.Note));
            output.WriteLine(Terminal.Block(h.Explanation, "  "));
            output.WriteLine();
        }
    }

    private void RenderSession(ClientSessionReport session)
    {
        var host = session.Host ?? "?";
        var who = session.User is null ? host : $"{session.User}@{host}";
        var port = session.Port is null ? string.Empty : $":{session.Port}";
        var role = session.Role == "target" ? _ui.Connection : $"{_ui.Connection} ({session.Role})";
        var versions = string.Join(" → ", new[] { session.OpenSshVersion is null ? null : "OpenSSH_" + session.OpenSshVersion, session.ServerVersion }.Where(v => v is not null));
        output.WriteLine($"{output.Bold($"{role}: {who}{port}")}{(versions.Length > 0 ? output.Dim($"  ({versions})") : default)}");
        output.WriteLine($"  {Terminal.Join("  ", session.Timeline.Select(StageMark))}");
        foreach (var key in session.Keys)
        {
            var mark = key.Result switch
            {
                "accepted" => output.Paint("✓", Style.Good),
                "rejected" or "signing-failed" or "not-loaded" => output.Paint("✗", Style.Bad),
                _ => output.Dim("·"),
            };
            var (result, detail) = language == Language.Japanese
                ? (JapaneseDetails.KeyResult(key.Result), key.Detail is null ? null : JapaneseDetails.KeyDetail(key.Detail))
                : (key.Result, key.Detail);
            output.WriteLine($"  {mark} {_ui.Keys}: {key.Identity} {key.Type} {key.Fingerprint} → {result}{(detail is null ? string.Empty : $" ({detail})")}");
        }

        if (session.MethodsThatCanContinue.Count > 0)
        {
            output.WriteLine($"  {_ui.ServerAllows}: {string.Join(",", session.MethodsThatCanContinue)}");
        }

        if (session.HostKey is { } hk)
        {
            var offending = hk.Offending is null ? string.Empty : $"; {_ui.Offending} {hk.Offending}";
            output.WriteLine($"  {_ui.HostKey}: {hk.Type} {hk.Fingerprint}{(hk.KnownHostsMatch is null ? string.Empty : $" = {hk.KnownHostsMatch}")}{offending}");
        }

        foreach (var offer in session.AlgorithmOffers.Where(o => o.Chosen == "(no match)"))
        {
            output.WriteLine($"  {offer.Slot}: {_ui.ServerOffer} {string.Join(",", offer.Server)}");
            if (offer.Client.Count > 0)
            {
                output.WriteLine($"  {offer.Slot}: {_ui.ClientOffer} {string.Join(",", offer.Client)}");
            }
        }

        output.WriteLine();
    }

    private Shown StageMark(StageReport stage) => stage.Status switch
    {
        "ok" => output.Paint("✓ " + stage.Stage, Style.Good),
        "failed" => output.Paint("✗ " + stage.Stage, Style.Failed),
        "warning" => output.Paint("! " + stage.Stage, Style.Warning),
        _ => output.Dim("· " + stage.Stage),
    };

    /// <summary>A catalogue entry on its own (<c>explain ID</c>): title, explanation, fixes.</summary>
    public void RenderEntry(DiagnosisReport d)
    {
        output.WriteLine(output.Bold($"{d.Id} ({d.Stage})"));
        output.WriteLine(output.Bold(d.Title));
        output.WriteLine(Terminal.Block(d.Explanation, "  "));
        RenderFixes(d);
    }

    private void RenderDiagnosis(DiagnosisReport d)
    {
        var colour = d.Certainty == "possible" ? Style.Warning : Style.Failed;
        var hop = d.Hop is null ? string.Empty : $" [{d.Hop}]";
        output.WriteLine(output.Paint($"✗ {d.Title}", colour));
        output.WriteLine(output.Dim($"  {d.Id} · {d.Stage} · {_ui.CertaintyWord(d.Certainty)}{hop}"));
        output.WriteLine(Terminal.Block(d.Explanation, "  "));
        if (d.Evidence.Count > 0)
        {
            output.WriteLine(output.Bold($"  {_ui.Evidence}:"));
            foreach (var e in d.Evidence)
            {
                output.WriteLine($"    {output.Dim(e.Where ?? _ui.SourceWord(e.Source))}  {e.Text}");
            }
        }

        RenderFixes(d);
        if (d.Alternatives.Count > 0)
        {
            output.WriteLine(output.Dim($"  {_ui.AlsoPossible}: {string.Join(", ", d.Alternatives)}"));
        }

        output.WriteLine();
    }

    private void RenderFixes(DiagnosisReport d)
    {
        if (d.Fixes.Count > 0)
        {
            output.WriteLine(output.Bold($"  {_ui.Fixes}:"));
            var n = 1;
            foreach (var f in d.Fixes)
            {
                output.WriteLine($"    {n++}. {f.Summary}{(f.Automatic ? output.Dim($" ({_ui.Automatic})") : default)}");
                if (f.Command is not null)
                {
                    output.WriteLine($"       {output.Paint("$ " + f.Command, Style.Note)}");
                }
            }
        }
    }
}
