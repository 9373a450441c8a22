using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering;

/// <summary>Prints a report for people. Decides nothing: everything shown comes from the report.</summary>
internal sealed class ConsoleRenderer(TextWriter output, bool color, Language language)
{
    private readonly UiText ui = UiText.For(language);

    public void Render(Report report)
    {
        if (report.Inputs is { Count: > 0 } inputs)
        {
            foreach (var input in inputs)
            {
                var note = input.Note is null ? string.Empty : $" — {input.Note}";
                output.WriteLine(Dim($"{ui.Inputs}: {input.Name} ({input.Kind}, {input.Lines} {ui.Lines}, {input.Recognised} {ui.Recognised}){note}"));
            }

            output.WriteLine();
        }

        foreach (var session in report.Sessions ?? [])
        {
            RenderSession(session);
        }

        var main = report.Diagnoses.Where(d => d.Certainty != "possible" && !d.Id.StartsWith("hint.", StringComparison.Ordinal)).ToList();
        var possible = report.Diagnoses.Where(d => d.Certainty == "possible" && !d.Id.StartsWith("hint.", StringComparison.Ordinal)).ToList();
        var hints = report.Diagnoses.Where(d => d.Id.StartsWith("hint.", StringComparison.Ordinal)).ToList();
        if (report.Diagnoses.Count == 0)
        {
            var recognised = report.Inputs?.Sum(i => i.Recognised) ?? 1;
            output.WriteLine(recognised == 0 ? Paint(ui.NothingRecognised, "33") : Paint("✓ " + ui.NothingWrong, "32"));
            return;
        }

        foreach (var d in main.Count > 0 ? main : possible.Take(1))
        {
            RenderDiagnosis(d);
        }

        var rest = main.Count > 0 ? possible : possible.Skip(1).ToList();
        if (rest.Count > 0)
        {
            output.WriteLine(Bold(ui.AlsoPossible + ":"));
            foreach (var d in rest)
            {
                output.WriteLine($"  • {d.Id} — {d.Title}");
            }

            output.WriteLine();
        }

        foreach (var h in hints)
        {
            output.WriteLine(Paint($"ℹ {h.Title}", "36"));
            output.WriteLine(Indent(h.Explanation, "  "));
            output.WriteLine();
        }
    }

    private void RenderSession(ClientSessionReport session)
    {
        var host = session.Host ?? "?";
        var who = session.User is null ? host : $"{session.User}@{host}";
        var port = session.Port is null ? string.Empty : $":{session.Port}";
        var role = session.Role == "target" ? ui.Connection : $"{ui.Connection} ({session.Role})";
        var versions = string.Join(" → ", new[] { session.OpenSshVersion is null ? null : "OpenSSH_" + session.OpenSshVersion, session.ServerVersion }.Where(v => v is not null));
        output.WriteLine(Bold($"{role}: {who}{port}") + (versions.Length > 0 ? Dim($"  ({versions})") : string.Empty));
        output.WriteLine("  " + string.Join("  ", session.Timeline.Select(StageMark)));
        foreach (var key in session.Keys)
        {
            var mark = key.Result switch
            {
                "accepted" => Paint("✓", "32"),
                "rejected" or "signing-failed" or "not-loaded" => Paint("✗", "31"),
                _ => Dim("·"),
            };
            output.WriteLine($"  {mark} {ui.Keys}: {key.Identity} {key.Type} {key.Fingerprint} → {key.Result}{(key.Detail is null ? string.Empty : $" ({key.Detail})")}");
        }

        if (session.MethodsThatCanContinue.Count > 0)
        {
            output.WriteLine($"  {ui.ServerAllows}: {string.Join(",", session.MethodsThatCanContinue)}");
        }

        if (session.HostKey is { } hk)
        {
            var offending = hk.Offending is null ? string.Empty : $"; {ui.Offending} {hk.Offending}";
            output.WriteLine($"  {ui.HostKey}: {hk.Type} {hk.Fingerprint}{(hk.KnownHostsMatch is null ? string.Empty : $" = {hk.KnownHostsMatch}")}{offending}");
        }

        foreach (var offer in session.AlgorithmOffers.Where(o => o.Chosen == "(no match)"))
        {
            output.WriteLine($"  {offer.Slot}: {ui.ServerOffer} {string.Join(",", offer.Server)}");
            if (offer.Client.Count > 0)
            {
                output.WriteLine($"  {offer.Slot}: {ui.ClientOffer} {string.Join(",", offer.Client)}");
            }
        }

        output.WriteLine();
    }

    private string StageMark(StageReport stage) => stage.Status switch
    {
        "ok" => Paint("✓ " + stage.Stage, "32"),
        "failed" => Paint("✗ " + stage.Stage, "1;31"),
        "warning" => Paint("! " + stage.Stage, "33"),
        _ => Dim("· " + stage.Stage),
    };

    /// <summary>A catalogue entry on its own (<c>explain ID</c>): title, explanation, fixes.</summary>
    public void RenderEntry(DiagnosisReport d)
    {
        output.WriteLine(Bold($"{d.Id} ({d.Stage})"));
        output.WriteLine(Bold(d.Title));
        output.WriteLine(Indent(d.Explanation, "  "));
        RenderFixes(d);
    }

    private void RenderDiagnosis(DiagnosisReport d)
    {
        var colour = d.Certainty == "possible" ? "33" : "1;31";
        var hop = d.Hop is null ? string.Empty : $" [{d.Hop}]";
        output.WriteLine(Paint($"✗ {d.Title}", colour));
        output.WriteLine(Dim($"  {d.Id} · {d.Stage} · {ui.CertaintyWord(d.Certainty)}{hop}"));
        output.WriteLine(Indent(d.Explanation, "  "));
        if (d.Evidence.Count > 0)
        {
            output.WriteLine(Bold($"  {ui.Evidence}:"));
            foreach (var e in d.Evidence)
            {
                output.WriteLine($"    {Dim(e.Where ?? e.Source)}  {e.Text}");
            }
        }

        RenderFixes(d);
        if (d.Alternatives.Count > 0)
        {
            output.WriteLine(Dim($"  {ui.AlsoPossible}: {string.Join(", ", d.Alternatives)}"));
        }

        output.WriteLine();
    }

    private void RenderFixes(DiagnosisReport d)
    {
        if (d.Fixes.Count > 0)
        {
            output.WriteLine(Bold($"  {ui.Fixes}:"));
            var n = 1;
            foreach (var f in d.Fixes)
            {
                output.WriteLine($"    {n++}. {f.Summary}{(f.Automatic ? Dim($" ({ui.Automatic})") : string.Empty)}");
                if (f.Command is not null)
                {
                    output.WriteLine("       " + Paint("$ " + f.Command, "36"));
                }
            }
        }
    }

    private static string Indent(string text, string prefix) => prefix + text.Replace("\n", "\n" + prefix, StringComparison.Ordinal);

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;

    private string Bold(string text) => Paint(text, "1");

    private string Dim(string text) => Paint(text, "2");
}
