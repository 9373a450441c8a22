using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SshDoctor.Cli.Rendering;
using SshDoctor.Cli.Rendering.Html;
using SshDoctor.Reporting;

namespace SshDoctor.Tests.Scan;

/// <summary>
/// The <c>scan --html</c> page over a report whose every remote or file-born string is hostile: no value becomes markup
/// (the only tags are the page's own), control and bidirectional characters are escaped as everywhere, and the
/// Content-Security-Policy names exactly the page's one script and one style by hash and nothing from the network.
/// The page in a real browser: IntegrationTests/Scan/ScanHtmlReportTests.
/// </summary>
public partial class ScanHtmlWriterTests
{
    private const string Hostile = "x\"'><img src=x onerror=alert(1)></script><script>alert(2)</script><!--&amp;\u001b[31m\u202e\u0007";

    [Fact]
    public void No_hostile_value_becomes_markup_and_the_policy_allows_only_the_pages_own_script_and_style()
    {
        var change = new HostChangeReport { Host = Hostile, Kind = "host-key-changed", Id = "hostkey.changed", Before = Hostile, After = Hostile, PreviousScan = Hostile, ThisScan = Hostile };
        var report = new ScanReport
        {
            Status = "problem",
            Started = Hostile,
            Summary = new ScanSummaryReport
            {
                Hosts = 1,
                Failed = 1,
                Outcomes = [new CountReport { Name = Hostile, Count = 1 }],
                Changes = [new CountReport { Name = Hostile, Count = 1 }],
            },
            Hosts =
            [
                new ScanHostReport
                {
                    Destination = Hostile,
                    Source = Hostile,
                    Name = Hostile + "name",
                    Outcome = Hostile,
                    Addresses = [Hostile],
                    Banner = Hostile,
                    Algorithms = [new AlgorithmListReport { Slot = "kex", Server = [Hostile], Legacy = [Hostile] }],
                    HostKey = new ScanHostKeyReport { Type = Hostile, Fingerprint = Hostile, KnownHosts = Hostile },
                    Findings = [new ScanFindingReport { Kind = Hostile, Detail = Hostile }],
                    Changes = [change],
                    PreviousScan = Hostile,
                    Diagnoses = [new DiagnosisReport { Id = Hostile, Stage = "kex", Certainty = "proven", Title = Hostile, Explanation = Hostile }],
                },
            ],
        };

        var html = ScanHtmlWriter.Write(report, ScanText.English);

        var tags = Tag().Matches(html).Select(m => m.Groups["name"].Value.ToLowerInvariant()).Distinct().Order().ToList();
        Assert.Equal(["!doctype", "body", "div", "figcaption", "figure", "g", "h1", "h2", "head", "header", "html", "input", "meta", "option", "p", "rect", "script", "section", "select", "span", "style", "svg", "table", "tbody", "td", "text", "th", "thead", "title", "tr"], tags);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)>", html, StringComparison.Ordinal);
        foreach (var raw in (string[])["\u001b", "\u202e", "\u0007"])
        {
            Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        }

        Assert.Contains("x&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;amp;\\x1b[31m\\u202e\\x07", html, StringComparison.Ordinal);

        var policy = Policy().Match(html).Groups["policy"].Value;
        var script = Between(html, "<script>", "</script>");
        var style = Between(html, "<style>", "</style>");
        Assert.Equal($"default-src 'none'; style-src '{Hash(style)}'; script-src '{Hash(script)}'; img-src data:; base-uri 'none'; form-action 'none'", policy);
        Assert.DoesNotContain("http", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_scan_says_there_is_nothing_to_compare_and_a_long_algorithm_name_is_cut_whole()
    {
        var name = new string('a', 43) + "\U0001F600" + "tail";
        var report = new ScanReport
        {
            Status = "ok",
            Summary = new ScanSummaryReport { Hosts = 1, Ok = 1, Outcomes = [new CountReport { Name = "ok", Count = 1 }] },
            Hosts = [new ScanHostReport { Destination = "web1", Source = "argument", Outcome = "ok", Banner = "SSH-2.0-x", Algorithms = [new AlgorithmListReport { Slot = "kex", Server = [name] }] }],
        };

        var html = ScanHtmlWriter.Write(report, ScanText.English);

        Assert.Contains(ScanHtmlText.English.FirstScan, html, StringComparison.Ordinal);
        Assert.Contains(">" + new string('a', 43) + "…</text>", html, StringComparison.Ordinal); // not half of the emoji
        Assert.Contains("<title>" + new string('a', 43) + "&#128512;tail: 1</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"changes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_key_types_chart_counts_every_type_each_server_offers_though_only_the_negotiated_key_was_fetched()
    {
        ScanHostReport Host(string name, string[] offered) => new()
        {
            Destination = name,
            Source = "argument",
            Outcome = "ok",
            HostKey = new ScanHostKeyReport { Type = "ssh-ed25519", Fingerprint = "SHA256:" + name },
            HostKeyTypes = offered,
            HostKeys = [new ScanKeyReport { Type = "ssh-ed25519", Fingerprint = "SHA256:" + name }],
        };
        var report = new ScanReport
        {
            Status = "ok",
            Summary = new ScanSummaryReport { Hosts = 2, Ok = 2, Outcomes = [new CountReport { Name = "ok", Count = 2 }] },
            Hosts = [Host("web1", ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"]), Host("web2", ["ssh-ed25519", "ssh-rsa"])],
        };

        var html = ScanHtmlWriter.Write(report, ScanText.English);

        var chart = Between(html, "id=\"chart-host-key-types\"", "</figure>");
        var bars = Regex.Matches(chart, "data-label=\"(?<label>[^\"]*)\" data-count=\"(?<count>[0-9]+)\"").ToDictionary(m => m.Groups["label"].Value, m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, int> { ["ssh-ed25519"] = 2, ["ssh-rsa"] = 2, ["ecdsa-sha2-nistp256"] = 1 }, bars);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"<(?<name>!?[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex Tag();

    [GeneratedRegex("http-equiv=\"Content-Security-Policy\" content=\"(?<policy>[^\"]*)\"")]
    private static partial Regex Policy();
}
