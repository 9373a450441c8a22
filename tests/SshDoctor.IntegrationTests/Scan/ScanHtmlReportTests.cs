using System.Buffers.Binary;
using SshDoctor.IntegrationTests.Install.Infrastructure;
using SshDoctor.IntegrationTests.Probing.Infrastructure;
using SshDoctor.IntegrationTests.Scan.Infrastructure;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Reporting;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.IntegrationTests.Scan;

/// <summary>
/// <c>scan --html FILE</c> opened in a real headless Chromium: the charts show what the scan found (outcomes,
/// algorithms with the legacy ones marked, host key types, a host key changed since the last scan), the host table
/// sorts on a click and filters on typing and on a click on an outcome's bar, the page loads nothing, and a hostile
/// banner is text on the page, never markup or script. Checked by content (the DOM after the script ran, the boxes the
/// charts were laid out in); the screenshot is kept in artifacts/test-results for a human. Needs root for the lab and
/// chromium: fails under CI=true otherwise.
/// </summary>
public sealed class ScanHtmlReportTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_charts_the_fleet_and_its_table_sorts_and_filters_in_a_real_browser()
    {
        await using var fleet = await LabFleet.StartAsync(Token);
        var ns = fleet.Namespace;
        var directory = fleet.Directory;
        string[] fleetHosts = [.. LabFleet.Answering, LabFleet.Refused];
        string[] common = [.. fleet.Options, "--db", directory.File("history.db")];
        var first = await ns.RunDoctorAsync(["scan", .. fleetHosts, "--html", directory.File("first.html"), .. common]);
        Assert.True(first.ExitCode == 1, first.Stdout + first.Stderr);

        // The second scan sees b with a new host key: a change since the last scan.
        await fleet.NewHostKeyAsync("b", Token);
        var page = directory.File("report.html");
        var second = await ns.RunDoctorAsync(["scan", .. fleetHosts, "--json", "--html", page, .. common]);
        Assert.True(second.ExitCode == 1, second.Stdout + second.Stderr);
        var report = ScanReportJson.Deserialize(second.Stdout)!;
        Assert.Empty(Directory.GetFiles(directory.Path, ".report.html.*")); // no temporary file left beside it

        await using var chromium = await HeadlessChromium.StartAsync(Token);
        await chromium.OpenAsync(page, Token);

        // Charts: one bar per outcome with its count, key types, algorithms with the legacy ones marked, the change.
        var outcomes = await chromium.EvaluateAsync<Dictionary<string, int>>("Object.fromEntries([...document.querySelectorAll('#chart-outcomes g.bar')].map(g => [g.dataset.label, Number(g.dataset.count)]))", Token);
        Assert.Equal(report.Summary!.Outcomes.ToDictionary(o => o.Name, o => o.Count), outcomes);
        Assert.True(outcomes["ok"] >= 3, string.Join(", ", outcomes));
        Assert.Equal(1, outcomes["tcp.refused"]);
        var keyTypes = await chromium.EvaluateAsync<Dictionary<string, int>>("Object.fromEntries([...document.querySelectorAll('#chart-host-key-types g.bar')].map(g => [g.dataset.label, Number(g.dataset.count)]))", Token);
        Assert.Equal(3, keyTypes["ssh-ed25519"]);
        Assert.Equal(1, keyTypes["ecdsa-sha2-nistp256"]);
        Assert.Equal("bar legacy", await chromium.EvaluateAsync<string>("document.querySelector('#chart-kex g[data-label=\"diffie-hellman-group1-sha1\"]').getAttribute('class')", Token));
        Assert.Equal("bar legacy", await chromium.EvaluateAsync<string>("document.querySelector('#chart-cipher g[data-label=\"aes128-cbc\"]').getAttribute('class')", Token));
        Assert.Equal(3, await chromium.EvaluateAsync<int>("Number(document.querySelector('#chart-kex g[data-label=\"curve25519-sha256\"]').dataset.count)", Token));
        Assert.Equal(1, await chromium.EvaluateAsync<int>("Number(document.querySelector('#chart-changes g[data-label=\"host key changed\"]').dataset.count)", Token));
        var change = report.Hosts!.Single(h => h.Destination == "127.0.0.2:2201").Changes.Single();
        var changeRow = await chromium.EvaluateAsync<string>("document.querySelector('#changes tbody tr[data-kind=\"host-key-changed\"]').textContent", Token);
        Assert.Contains(change.Before, changeRow, StringComparison.Ordinal);
        Assert.Contains(change.After, changeRow, StringComparison.Ordinal);
        // Laid out and visible: every bar has a box on the page.
        Assert.True(await chromium.EvaluateAsync<bool>("[...document.querySelectorAll('svg rect')].every(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; })", Token));

        // The table: every host, in inventory order until a heading is clicked.
        const string Hosts = "[...document.querySelectorAll('#hosts tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].textContent)";
        Assert.Equal(fleetHosts, await chromium.EvaluateAsync<string[]>(Hosts, Token));
        await chromium.EvaluateAsync("document.querySelector('#hosts th[data-key=\"outcome\"]').click()", Token);
        Assert.Equal("127.0.0.5:2204", (await chromium.EvaluateAsync<string[]>(Hosts, Token))[^1]); // ok < tcp.refused
        await chromium.EvaluateAsync("document.querySelector('#hosts th[data-key=\"ms\"]').click()", Token);
        var byTime = report.Hosts!.OrderBy(h => h.ElapsedMs).Select(h => h.ElapsedMs).ToArray();
        Assert.Equal(byTime, await chromium.EvaluateAsync<long[]>("[...document.querySelectorAll('#hosts tbody tr')].map(r => Number(r.cells[9].textContent))", Token));
        await chromium.EvaluateAsync("document.querySelector('#hosts th[data-key=\"ms\"]').click()", Token);
        Assert.Equal(byTime.Reverse(), await chromium.EvaluateAsync<long[]>("[...document.querySelectorAll('#hosts tbody tr')].map(r => Number(r.cells[9].textContent))", Token));
        Assert.Equal("descending", await chromium.EvaluateAsync<string>("document.querySelector('#hosts th[data-key=\"ms\"]').getAttribute('aria-sort')", Token));

        // Typing into the filter (as a user does: the input event), then a click on an outcome's bar.
        await chromium.EvaluateAsync("(() => { const f = document.getElementById('filter'); f.value = 'aes128-cbc'; f.dispatchEvent(new Event('input')); })()", Token);
        Assert.Equal(["127.0.0.4:2203"], await chromium.EvaluateAsync<string[]>(Hosts, Token));
        Assert.Equal("1 / 5", await chromium.EvaluateAsync<string>("document.getElementById('shown').textContent", Token));
        await chromium.EvaluateAsync("(() => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input')); })()", Token);
        await chromium.EvaluateAsync("document.querySelector('#chart-outcomes g[data-outcome-filter=\"tcp.refused\"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))", Token);
        Assert.Equal(["127.0.0.5:2204"], await chromium.EvaluateAsync<string[]>(Hosts, Token));
        Assert.Equal("tcp.refused", await chromium.EvaluateAsync<string>("document.getElementById('outcome').value", Token));

        // Self-contained: nothing was fetched, and nothing names a place to fetch from.
        Assert.Equal(0, await chromium.EvaluateAsync<int>("performance.getEntriesByType('resource').length", Token));
        Assert.Equal(0, await chromium.EvaluateAsync<int>("document.querySelectorAll('[src], link[href], [href^=\"http\"]').length", Token));

        var screenshot = await chromium.ScreenshotAsync(Token);
        Assert.True(screenshot.AsSpan(0, 8).SequenceEqual((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]));
        Assert.InRange(BinaryPrimitives.ReadInt32BigEndian(screenshot.AsSpan(16, 4)), 1000, 1300); // the window, less a scroll bar
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(screenshot.AsSpan(20, 4)) > 1000); // the whole page, longer than the window
        var results = Path.Combine(Checkout.Root, "artifacts", "test-results");
        Directory.CreateDirectory(results);
        await File.WriteAllBytesAsync(Path.Combine(results, "scan-report.png"), screenshot, Token);
    }

    [Fact]
    public async Task A_hostile_banner_is_text_on_the_page_never_markup_or_script()
    {
        await using var server = new FakeTcpServer(async (stream, ct) =>
        {
            await stream.WriteAsync("SSH-2.0-evil<img src=x onerror=\"document.title='pwned'\"></script><script>document.title='pwned'</script>\u001b]0;x\u0007\u202e'\"&\r\n"u8.ToArray(), ct);
            var buffer = new byte[4096];
            while (await stream.ReadAsync(buffer, ct) > 0)
            {
            }
        });
        using var directory = new TempDirectory();
        var page = directory.File("hostile.html");
        var run = CliRun.Run(["scan", "127.0.0.1:" + server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-F", "/dev/null", "--agent", "none", "--known-hosts", directory.File("kh"), "--timeout", "2", "--db", directory.File("h.db"), "--html", page]);
        TerminalSafety.AssertSafe(run, "scan --html");
        var html = await File.ReadAllTextAsync(page, Token);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202e", html, StringComparison.Ordinal);

        await using var chromium = await HeadlessChromium.StartAsync(Token);
        await chromium.OpenAsync(page, Token);

        Assert.StartsWith("ssh-doctor scan", await chromium.EvaluateAsync<string>("document.title", Token), StringComparison.Ordinal);
        Assert.Equal(0, await chromium.EvaluateAsync<int>("document.querySelectorAll('img').length", Token));
        Assert.Equal(1, await chromium.EvaluateAsync<int>("document.scripts.length", Token));
        var banner = await chromium.EvaluateAsync<string>("document.querySelector('#hosts tbody tr').cells[3].textContent", Token);
        Assert.Contains("evil<img src=x onerror=\"document.title='pwned'\"></script><script>document.title='pwned'</script>", banner, StringComparison.Ordinal);
        Assert.Contains("\\x1b]0;x\\x07", banner, StringComparison.Ordinal);
    }
}
