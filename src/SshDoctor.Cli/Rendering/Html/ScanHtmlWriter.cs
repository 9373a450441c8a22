using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Html;

/// <summary>
/// <c>scan --html FILE</c>: one self-contained page — a sortable, filterable host table and bar charts (outcomes,
/// algorithms offered across the fleet, host key types, changes since the last scan) drawn as inline SVG here, with its
/// style and script inline. Its Content-Security-Policy allows nothing from the network and only the page's own script
/// and style (by hash), so even a remote text that got through could neither load nor run anything. Every value is
/// escaped twice over: <see cref="SafeText"/> (control and bidirectional characters, as everywhere) then HTML.
/// </summary>
internal static class ScanHtmlWriter
{
    private const int LabelWidth = 290;
    private const int BarWidth = 220;
    private const int RowHeight = 20;
    private const int LabelCharacters = 44;
    private const int AlgorithmsPerSlot = 40;

    public static string Write(ScanReport report, ScanText names)
    {
        var text = ScanHtmlText.For(report.Language == "ja" ? Localization.Language.Japanese : Localization.Language.English);
        var hosts = report.Hosts ?? [];
        var html = new StringBuilder(4096 + (hosts.Count * 1024));
        var style = ScanHtmlStyle.Text;
        var script = ScanHtmlScript.Text;
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(report.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '").Append(Hash(style))
            .Append("'; script-src '").Append(Hash(script)).Append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(text.Title)).Append(' ').Append(Encode(report.Started)).Append("</title>\n")
            .Append("<style>").Append(style).Append("</style>\n</head>\n<body>\n");

        var summary = report.Summary ?? new ScanSummaryReport();
        html.Append("<header><h1>").Append(Encode(text.Title)).Append("</h1><p class=\"meta\" id=\"summary\">")
            .Append(Encode(text.Started)).Append(' ').Append(Encode(report.Started)).Append(" · ")
            .Append(Number(summary.Hosts)).Append(' ').Append(Encode(text.Hosts)).Append(" · ")
            .Append(Encode(text.Ok)).Append(' ').Append(Number(summary.Ok)).Append(" · ")
            .Append(Encode(text.Failed)).Append(' ').Append(Number(summary.Failed)).Append(" · ")
            .Append(summary.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(' ').Append(Encode(text.Seconds))
            .Append("</p>");
        foreach (var note in ScanRenderer.Notes(report, names))
        {
            html.Append("<p class=\"meta note\">").Append(Encode(note)).Append("</p>");
        }

        html.Append("</header>\n");

        Charts(html, report, summary, names, text);
        HostTable(html, hosts, summary, names, text);
        ChangeTable(html, hosts, names, text);
        html.Append("<script>").Append(script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Charts(StringBuilder html, ScanReport report, ScanSummaryReport summary, ScanText names, ScanHtmlText text)
    {
        var hosts = report.Hosts ?? [];
        html.Append("<section class=\"charts\">\n");
        BarChart(html, "chart-outcomes", text.Outcomes, summary.Outcomes.Select(o => new Bar(o.Name, o.Count, o.Name == "ok" ? "ok" : "bad", o.Name)).ToList());
        // The key types each server offers (its KEXINIT: known without fetching each key), else the keys fetched.
        BarChart(html, "chart-host-key-types", text.HostKeyTypes, hosts.SelectMany(h => h.HostKeyTypes.Count > 0 ? h.HostKeyTypes
                : h.HostKeys.Count > 0 ? h.HostKeys.Select(k => k.Type) : h.HostKey?.Type is { } type ? [type] : [])
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Bar(g.Key, g.Count(), null, null)).ToList());
        if (hosts.Any(h => h.PreviousScan is not null))
        {
            BarChart(html, "chart-changes", text.Changes, summary.Changes.Select(c => new Bar(names.ChangeName(c.Name), c.Count, "bad", null)).ToList(), names.NoChanges);
        }
        else
        {
            html.Append("<figure id=\"chart-changes\"><figcaption>").Append(Encode(text.Changes)).Append("</figcaption><p class=\"none\">")
                .Append(Encode(text.FirstScan)).Append("</p></figure>\n");
        }

        html.Append("</section>\n<h2>").Append(Encode(text.Algorithms)).Append("</h2>\n<section class=\"charts\" id=\"algorithms\">\n");
        foreach (var slot in (string[])["kex", "hostkey", "cipher", "mac"])
        {
            var offered = hosts.SelectMany(h => h.Algorithms.Where(a => a.Slot == slot).SelectMany(a => a.Server.Distinct(StringComparer.Ordinal).Select(name => (name, legacy: a.Legacy.Contains(name)))))
                .GroupBy(o => o.name, StringComparer.Ordinal)
                .Select(g => new Bar(g.Key, g.Count(), g.Any(o => o.legacy) ? "legacy" : null, null, g.Any(o => o.legacy) ? text.Legacy : null))
                .OrderByDescending(b => b.Count).ThenBy(b => b.Label, StringComparer.Ordinal)
                .ToList();
            BarChart(html, "chart-" + slot, slot, offered.Take(AlgorithmsPerSlot).ToList(), more: offered.Count - AlgorithmsPerSlot);
        }

        html.Append("</section>\n");
    }

    private sealed record Bar(string Label, int Count, string? Class, string? OutcomeFilter, string? Note = null);

    private static void BarChart(StringBuilder html, string id, string caption, IReadOnlyList<Bar> bars, string? empty = null, int more = 0)
    {
        html.Append("<figure id=\"").Append(id).Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption>");
        if (bars.Count == 0)
        {
            html.Append("<p class=\"none\">").Append(Encode(empty ?? "—")).Append("</p></figure>\n");
            return;
        }

        var largest = Math.Max(1, bars.Max(b => b.Count));
        var height = bars.Count * RowHeight;
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Number(LabelWidth + BarWidth + 50))
            .Append("\" height=\"").Append(Number(height)).Append("\" viewBox=\"0 0 ").Append(Number(LabelWidth + BarWidth + 50)).Append(' ').Append(Number(height)).Append("\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * RowHeight;
            var width = Math.Max(1, (int)Math.Round((double)bar.Count / largest * BarWidth));
            var label = bar.Note is null ? bar.Label : $"{bar.Label} ({bar.Note})";
            html.Append("<g class=\"bar").Append(bar.Class is null ? string.Empty : " " + bar.Class).Append('"')
                .Append(" data-label=\"").Append(Encode(bar.Label)).Append("\" data-count=\"").Append(Number(bar.Count)).Append('"');
            if (bar.OutcomeFilter is not null)
            {
                html.Append(" data-outcome-filter=\"").Append(Encode(bar.OutcomeFilter)).Append('"');
            }

            html.Append("><title>").Append(Encode(label)).Append(": ").Append(Number(bar.Count)).Append("</title>")
                .Append("<text x=\"0\" y=\"").Append(Number(y + 14)).Append("\">").Append(Encode(Shorten(label))).Append("</text>")
                .Append("<rect x=\"").Append(Number(LabelWidth)).Append("\" y=\"").Append(Number(y + 3)).Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(RowHeight - 6)).Append("\"></rect>")
                .Append("<text x=\"").Append(Number(LabelWidth + width + 6)).Append("\" y=\"").Append(Number(y + 14)).Append("\">").Append(Number(bar.Count)).Append("</text></g>");
        }

        html.Append("</svg>");
        if (more > 0)
        {
            html.Append("<p class=\"none\">+").Append(Number(more)).Append("</p>");
        }

        html.Append("</figure>\n");
    }

    private static void HostTable(StringBuilder html, IReadOnlyList<ScanHostReport> hosts, ScanSummaryReport summary, ScanText names, ScanHtmlText text)
    {
        html.Append("<h2>").Append(Number(hosts.Count)).Append(' ').Append(Encode(text.Hosts)).Append("</h2>\n<div class=\"controls\">")
            .Append("<input type=\"search\" id=\"filter\" placeholder=\"").Append(Encode(text.Filter)).Append("\" aria-label=\"").Append(Encode(text.Filter)).Append("\">")
            .Append("<select id=\"outcome\" aria-label=\"").Append(Encode(text.Outcomes)).Append("\"><option value=\"\">").Append(Encode(text.AllOutcomes)).Append("</option>");
        foreach (var outcome in summary.Outcomes)
        {
            html.Append("<option value=\"").Append(Encode(outcome.Name)).Append("\">").Append(Encode(outcome.Name)).Append(" (").Append(Number(outcome.Count)).Append(")</option>");
        }

        html.Append("</select><span id=\"shown\">").Append(Number(hosts.Count)).Append(" / ").Append(Number(hosts.Count)).Append("</span> ").Append(Encode(text.Shown)).Append("</div>\n");
        html.Append("<table id=\"hosts\"><thead><tr>");
        string[] keys = ["host", "outcome", "addresses", "banner", "host-key", "fingerprint", "known-hosts", "findings", "changes", "ms", "source"];
        for (var i = 0; i < keys.Length; i++)
        {
            html.Append("<th data-key=\"").Append(keys[i]).Append('"').Append(keys[i] == "ms" ? " data-type=\"number\"" : string.Empty).Append('>').Append(Encode(text.Columns[i])).Append("</th>");
        }

        // --keys: one more column, the user's keys as the host answered.
        var withKeys = hosts.Any(h => h.Keys.Count > 0);
        if (withKeys)
        {
            html.Append("<th data-key=\"keys\">").Append(Encode(names.Name("keys"))).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            html.Append("<tr data-index=\"").Append(Number(i)).Append("\" data-outcome=\"").Append(Encode(host.Outcome)).Append("\">");
            Cell(html, host.Name is { } name && name != host.Destination ? $"{name} ({host.Destination})" : host.Destination, "mono");
            html.Append("<td class=\"").Append(host.Outcome == "ok" ? "outcome-ok" : "outcome-bad").Append('"');
            if (host.Diagnoses.FirstOrDefault(d => d.Id == host.Outcome) is { } diagnosis)
            {
                html.Append(" title=\"").Append(Encode(diagnosis.Title)).Append('"');
            }

            html.Append('>').Append(Encode(host.Outcome)).Append("</td>");
            Cell(html, string.Join(' ', host.Addresses), "mono");
            Cell(html, host.Banner, "mono");
            // The negotiated key first, then the other keys fetched (--all-host-keys: one per type).
            var hostKeys = host.HostKeys.OrderBy(k => k.Fingerprint == host.HostKey?.Fingerprint ? 0 : 1).ToList();
            if (hostKeys.Count == 0 && host.HostKey is { Type: { } type, Fingerprint: { } fingerprint })
            {
                hostKeys.Add(new ScanKeyReport { Type = type, Fingerprint = fingerprint });
            }

            Lines(html, hostKeys.Select(k => k.Type));
            Lines(html, hostKeys.Select(k => k.Fingerprint), "mono");
            Cell(html, host.HostKey?.KnownHosts, null);
            Lines(html, host.Findings.Select(f => $"{names.Name(f.Kind)}: {f.Detail}"));
            Lines(html, host.Changes.Select(c => $"{names.ChangeName(c.Kind)}: {c.Before} → {c.After}"));
            html.Append("<td class=\"number\" data-sort=\"").Append(Number(host.ElapsedMs)).Append("\">").Append(Number(host.ElapsedMs)).Append("</td>");
            Cell(html, host.Source, "mono");
            if (withKeys)
            {
                Lines(html, host.Keys.Select(k => $"{names.Name("key." + k.Result)}: {k.Identity} {k.Fingerprint}"), "mono");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void ChangeTable(StringBuilder html, IReadOnlyList<ScanHostReport> hosts, ScanText names, ScanHtmlText text)
    {
        var changes = hosts.SelectMany(h => h.Changes).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(Encode(text.Changes)).Append("</h2>\n<table id=\"changes\"><thead><tr>");
        foreach (var column in text.ChangeColumns)
        {
            html.Append("<th>").Append(Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var change in changes)
        {
            html.Append("<tr data-kind=\"").Append(Encode(change.Kind)).Append("\">");
            Cell(html, change.Host, "mono");
            Cell(html, names.ChangeName(change.Kind) + (change.Downgrade ? " (" + names.Downgrade + ")" : string.Empty) + (change.Id is { } id ? " — " + id : string.Empty), change.Downgrade ? "legacy" : null);
            Cell(html, change.Before, "mono");
            Cell(html, change.After, "mono");
            Cell(html, change.PreviousScan, null);
            Cell(html, change.ThisScan, null);
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Cell(StringBuilder html, string? value, string? cssClass)
    {
        html.Append("<td").Append(cssClass is null ? string.Empty : $" class=\"{cssClass}\"").Append('>').Append(Encode(value)).Append("</td>");
    }

    private static void Lines(StringBuilder html, IEnumerable<string> lines, string? cssClass = null)
    {
        html.Append("<td").Append(cssClass is null ? string.Empty : $" class=\"{cssClass}\"").Append('>');
        var first = true;
        foreach (var line in lines)
        {
            html.Append(first ? string.Empty : "<br>").Append(Encode(line));
            first = false;
        }

        html.Append("</td>");
    }

    /// <summary>Text for the page: escaped as everywhere else (<see cref="SafeText"/>), then for HTML (text and quoted attributes alike).</summary>
    internal static string Encode(string? value) => WebUtility.HtmlEncode(SafeText.Escape(value) ?? string.Empty);

    /// <summary>A chart label cut to fit (the whole text is in the bar's title); never between the halves of a surrogate pair.</summary>
    private static string Shorten(string label)
    {
        if (label.Length <= LabelCharacters)
        {
            return label;
        }

        var cut = LabelCharacters - 1;
        if (char.IsHighSurrogate(label[cut - 1]))
        {
            cut--;
        }

        return string.Concat(label.AsSpan(0, cut), "…");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
