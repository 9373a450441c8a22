using System.Diagnostics;
using System.Text.RegularExpressions;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Localization;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Reporting;

/// <summary>
/// Every fix command of the catalogue that has a placeholder, filled with hostile values (sshd logs user names as the
/// client sent them; key files and host names can be named anything) and run by the real /bin/sh and bash in a
/// sandbox where every program the commands name is a stub that records its arguments. No value may run anything
/// (each carries a call of <c>pwn</c>, a stub that creates a marker file), a plausible value must arrive as literal text inside one argument, and a
/// value no real host, account, address or file could have must not be in the command at all (its placeholder stays).
/// </summary>
public sealed partial class FixCommandQuotingTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("sshdoctor-fixes-").FullName;

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    private string Marker => Path.Combine(_sandbox, "marker");

    public static TheoryData<string, int> Commands()
    {
        var data = new TheoryData<string, int>();
        foreach (var (id, _) in DiagnosisIds.All)
        {
            var fixes = DiagnosisCatalogue.Get(id, Language.English).Fixes;
            for (var i = 0; i < fixes.Count; i++)
            {
                if (fixes[i].Command is { } command && Template.Placeholders(command).Any())
                {
                    data.Add(id, i);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_placeholder_in_a_command_has_a_rule_and_stands_outside_quotes()
    {
        foreach (var language in (Language[])[Language.English, Language.Japanese])
        {
            foreach (var (id, _) in DiagnosisIds.All)
            {
                foreach (var command in DiagnosisCatalogue.Get(id, language).Fixes.Select(f => f.Command).OfType<string>())
                {
                    Assert.All(Template.Placeholders(command), name => Assert.Contains(name, CommandValues.Names));
                    var outside = QuotedText().Replace(command, string.Empty);
                    Assert.Equal(Template.Placeholders(command).Count(), Template.Placeholders(outside).Count());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Hostile_values_stay_literal_words_or_stay_out(string id, int fix)
    {
        var template = DiagnosisCatalogue.Get(id, Language.English).Fixes[fix].Command!;
        var names = Template.Placeholders(template).Distinct().ToList();
        var stubs = Stubs();
        var hostile = Hostile();
        var variants = names.Max(n => hostile[n].Length);
        for (var k = 0; k < variants; k++)
        {
            var values = names.ToDictionary(n => n, n => hostile[n][k % hostile[n].Length]);
            var command = Template.FillCommand(template, values);
            foreach (var shell in (string[])["/bin/sh", "/bin/bash"])
            {
                var calls = Run(shell, stubs, command);

                Assert.False(File.Exists(Marker), $"{shell} ran a value of: {command}");
                foreach (var name in names)
                {
                    var value = values[name];
                    var inPlainPosition = template.Replace("~{" + name + "}", string.Empty, StringComparison.Ordinal).Contains("{" + name + "}", StringComparison.Ordinal);
                    if (CommandValues.IsPlausible(name, value) && (inPlainPosition || ShellQuote.NeedsNoQuoting(value)))
                    {
                        var literal = CommandValues.Paths.Contains(name) && value.StartsWith("~/", StringComparison.Ordinal) ? value[1..] : value;
                        if (name == "hop")
                        {
                            // A hop is printed as ssh takes it, -p PORT USER@HOST: the destination arrives as one word.
                            var hop = SshDoctor.Probing.Resolve.Destination.Parse(value);
                            literal = (hop.User is null ? string.Empty : hop.User + "@") + hop.Host;
                        }

                        Assert.True(calls.Any(argument => argument.Contains(literal, StringComparison.Ordinal)), $"{name}={value} did not arrive as text: {command}");
                    }
                    else
                    {
                        Assert.Contains(name.ToUpperInvariant(), command, StringComparison.Ordinal);
                        Assert.DoesNotContain(value, command, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    /// <summary>Per placeholder: values a real system can have that need quoting, then values none can have; each would touch the marker if run.</summary>
    private Dictionary<string, string[]> Hostile()
    {
        // pwn is a stub that creates the marker: a slash-free command, so that a file name can carry it too.
        const string pwn = "pwn";

        // In the sandbox, because some commands write next to the key (ssh-keygen -y -f KEY > KEY.pub.new).
        var keys = Path.Combine(_sandbox, "k");
        Directory.CreateDirectory(Path.Combine(keys, "\"q\""));
        Directory.CreateDirectory(Path.Combine(_sandbox, ".ssh"));
        string[] paths = [$"{keys}/id_x;{pwn};$({pwn})", $"{keys}/it's a key", $"~/.ssh/id `{pwn}`", $"{keys}/\"q\"/*", $"{keys}/id_ed25519", "-x", $"{keys}/a\nb"];
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["user"] = ["nobody-x", "DOMAIN\\al.ice$", "a.b_c@example.com", $"$({pwn})", $"x;{pwn}", "a b", $"-oProxyCommand={pwn}", "u\nx", $"`{pwn}`"],
            ["host"] = ["web-1.example.com", "h*?[x]~#!^=%+:/@", "héllo", $"h$({pwn})", $"h;{pwn}", $"-oProxyCommand={pwn}", "h x", "h\u001b[31m"],
            ["hop"] = ["bob@jump.example:2222", "jump*#~", $"h;{pwn}", $"u$({pwn})@h"],
            ["ip"] = ["192.0.2.1", "2001:db8::1", $"1.2.3.4;{pwn}", $"$({pwn})"],
            ["port"] = ["2222", $"22;{pwn}", $"22 $({pwn})"],
            ["line"] = ["12", $"1$({pwn})"],
            ["key"] = paths,
            ["file"] = paths,
            ["path"] = paths,
            ["agent"] = paths,
            ["home"] = paths.Append($"/home/it's me").ToArray(),
            ["known_hosts_name"] = ["[127.0.0.1]:2222", "web-1.example.com", "[2001:db8::1]:22", $"[h;{pwn}]:22", $"$({pwn})", "[h]:99999"],
            ["jail"] = ["sshd", "ssh-ddos.local", $"a;{pwn}", $"$({pwn})"],
            ["algorithm"] = ["ssh-rsa", "sk-ssh-ed25519@openssh.com", $"a;{pwn}", $"$({pwn})"],
            ["option"] = ["IdentityFile", $"x$({pwn})"],
        };
    }

    /// <summary>A directory with a recording stub for every word a catalogue command could run.</summary>
    private string Stubs()
    {
        var directory = Path.Combine(_sandbox, "bin");
        if (Directory.Exists(directory))
        {
            return directory;
        }

        Directory.CreateDirectory(directory);
        var words = DiagnosisIds.All.SelectMany(e => DiagnosisCatalogue.Get(e.Id, Language.English).Fixes)
            .Select(f => f.Command).OfType<string>()
            .SelectMany(c => CommandWord().Matches(c).Select(m => m.Value))
            .Append("echo").Append("printf")
            .Distinct(StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(directory, "pwn"), "#!/bin/sh\n: > \"$MARKER\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(directory, "pwn"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }

        foreach (var word in words.Where(w => w != "pwn"))
        {
            var stub = Path.Combine(directory, word);
            File.WriteAllText(stub, "#!/bin/sh\n{ printf '%s\\0' \"${0##*/}\"; for a in \"$@\"; do printf '%s\\0' \"$a\"; done; } >> \"$LOG\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            }
        }

        return directory;
    }

    /// <summary>Runs the command; the arguments every stub received. echo and printf are builtins: functions hand them to their stubs.</summary>
    private string[] Run(string shell, string stubs, string command)
    {
        Shell.Require(File.Exists(shell), shell + " is not installed");
        var log = Path.Combine(_sandbox, "log");
        File.WriteAllText(log, string.Empty);
        var start = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _sandbox };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"echo() {{ \"{stubs}/echo\" \"$@\"; }}; printf() {{ \"{stubs}/printf\" \"$@\"; }}\n{command}");
        start.Environment.Clear();
        start.Environment["PATH"] = stubs;
        start.Environment["HOME"] = _sandbox;
        start.Environment["LOG"] = log;
        start.Environment["MARKER"] = Marker;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "the command did not finish: " + command);
        Assert.True(process.ExitCode == 0, $"{shell} exit {process.ExitCode} for: {command}\n{stderr.Result}");
        return File.ReadAllText(log).Split('\0');
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex QuotedText();

    [GeneratedRegex("(?<![\\w./~=-])[a-z][a-z0-9_-]*")]
    private static partial Regex CommandWord();
}
