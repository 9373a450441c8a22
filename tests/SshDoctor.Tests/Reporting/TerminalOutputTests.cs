using System.Diagnostics;
using System.Text.RegularExpressions;
using SshDoctor.Tests.Audit;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// The CLI on a real terminal (a pseudo-terminal made by util-linux <c>script</c>): with NO_COLOR not one escape
/// sequence, and with colour nothing but the colour sequences the renderer makes, even around hostile text.
/// </summary>
public sealed partial class TerminalOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshdoctor-tty-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void With_no_color_a_terminal_gets_no_escape_sequence_at_all()
    {
        var output = OnTerminal(noColor: true, "explain", "tcp.refused");
        Assert.Contains("tcp.refused", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
    }

    [Theory]
    [InlineData("explain", true)]
    [InlineData("logs --unknown", false)]
    public void With_colour_the_only_sequences_are_the_renderers_colours(string command, bool paints)
    {
        var log = Path.Combine(_directory, "auth.log");
        File.WriteAllText(log, string.Join('\n',
            "Dec  4 10:00:00 web1 sshd[123]: Invalid user \u001b]0;TITLE\u0007\u001b[31mred\u202e from 203.0.113.9 port 50100",
            "Dec  4 10:00:01 web1 sshd[124]: Failed password for invalid user \u001b[2Jevil from 203.0.113.9 port 50101 ssh2",
            "Dec  4 10:00:02 web1 sshd[125]: weird \u001b[5mline") + "\n");

        var output = OnTerminal(noColor: false, [.. command.Split(' '), log]);

        Assert.Equal(paints, output.Contains("\u001b[", StringComparison.Ordinal));
        var withoutColours = Colour().Replace(output, string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
        var unsafeText = TerminalSafety.FirstControl(System.Text.Encoding.UTF8.GetBytes(withoutColours));
        Assert.True(unsafeText is null, $"{command}: {unsafeText}");
    }

    /// <summary>The CLI's output as a terminal receives it (the pseudo-terminal turns \n into \r\n).</summary>
    private static string OnTerminal(bool noColor, params string[] arguments)
    {
        Shell.Require(File.Exists("/usr/bin/script"), "util-linux script makes the pseudo-terminal");
        var cli = Path.Combine(AppContext.BaseDirectory, "ssh-doctor.dll");
        var command = string.Join(' ', new[] { "dotnet", cli }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-q", "-e", "-c", command, "/dev/null"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the CLI on a terminal did not end");
        return output.Result;
    }

    // Select Graphic Rendition only: ESC [ digits and semicolons m.
    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Colour();
}
