using System.Text;
using CsCheck;
using SshDoctor.Audit;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.SshConfig;
using SshDoctor.Fixes.Text;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// The ssh_config edit (Host block options for one host) on generated configurations: every original line stays, byte
/// for byte and in order; the new lines are one run, in the host's own block or before the first <c>Host *</c> /
/// <c>Match all</c>; the real <c>ssh -G</c> resolves the host with the new options and every other host as before; apply
/// → undo gives back bytes, mode and owner.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SshConfigPropertyTests(ITestOutputHelper output)
{
    private const string Target = "web1.example";
    private static readonly (string, string)[] KeepAlive = [("ServerAliveInterval", "30"), ("ServerAliveCountMax", "3")];
    private static readonly Gen<(int Seed, bool TargetBlock)> Cases = Gen.Select(Gen.Int, Gen.Bool);

    [Fact]
    public void The_edit_only_inserts_one_run_of_lines_in_the_right_place()
    {
        const int iterations = 5000;
        var directory = Directory.CreateTempSubdirectory("sshdoctor-config-").FullName;
        try
        {
            Cases.Sample(c =>
            {
                var file = GeneratedFiles.SshConfig(c.Seed, Target, c.TargetBlock);
                var (set, edit) = Plan(directory, file);
                Assert.NotNull(edit);
                var before = TextLines.Parse(file.Bytes).Lines;
                var after = TextLines.Parse(edit.Value.After).Lines;
                var inserted = after.Count - before.Count;
                Assert.True(inserted > 0);

                // One run of new lines at index k; everything else identical (a final line without newline may gain one when the run follows it).
                var k = 0;
                while (k < before.Count && Same(before[k], after[k], last: k == before.Count - 1))
                {
                    k++;
                }

                for (var i = k; i < before.Count; i++)
                {
                    Assert.True(Same(before[i], after[i + inserted], last: i == before.Count - 1), $"line {i + 1} changed");
                }

                var newLine = Encoding.Latin1.GetString(file.Bytes).Contains('\n', StringComparison.Ordinal) ? file.NewLine : "\n";
                Assert.All(after.Skip(k).Take(inserted), l => Assert.True(l.Terminated && (newLine == "\r\n") == (l.Content.Length > 0 && l.Content[^1] == '\r'), "new line in the file's line ending"));

                var header = set.Main.Lines.FirstOrDefault(l => l.Keyword == "host" && l.Arguments is [var only] && only.Equals(Target, StringComparison.OrdinalIgnoreCase));
                var catchAll = set.Main.Lines.FirstOrDefault(l => l.IsCatchAll);
                if (header is not null)
                {
                    Assert.Equal(header.Index + 1, k);
                }
                else if (catchAll is not null)
                {
                    Assert.True(k <= catchAll.Index, "the new block goes before the first Host * / Match all");
                    Assert.Equal("Host " + Target, after[k].Text);
                }
                else
                {
                    Assert.Equal(before.Count, k);
                }
            }, iter: iterations, threads: 1, print: c => GeneratedFiles.SshConfig(c.Seed, Target, c.TargetBlock).ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        output.WriteLine($"{iterations} generated ssh_config files: only one run of lines inserted, in the right place");
    }

    [Fact]
    public void Ssh_G_sees_the_new_options_for_the_host_and_no_change_for_any_other_and_undo_restores()
    {
        var which = Shell.Run("command -v ssh");
        Shell.Require(which.Code == 0, "ssh (openssh-client) is needed");
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        const int iterations = 150;
        var resolution = new SshResolution(new ProgramRunner());
        var names = 0;
        Cases.Sample(c =>
        {
            var home = Directory.CreateDirectory(Path.Combine(root, "sshdoctor-cfg-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var file = GeneratedFiles.SshConfig(c.Seed, Target, c.TargetBlock);
                var (set, edit) = Plan(home, file);
                var others = SshResolution.OtherNames(set, Target).Prepend(Target).ToList();
                names += others.Count;
                var beforeG = resolution.ResolveAll(set.Main.Path, others);
                var copy = Path.Combine(home, "after");
                File.WriteAllBytes(copy, edit!.Value.After);
                var afterG = resolution.ResolveAll(copy, others);
                var problem = SshResolution.Compare(Target, KeepAlive, beforeG, afterG);
                Assert.True(problem is null, problem);

                var roundTrip = FixRoundTrip.ApplyThenUndo(home, set.Main.Path, edit.Value.After);
                Assert.True(roundTrip is null, roundTrip);
            }
            finally
            {
                Directory.Delete(home, recursive: true);
            }
        }, iter: iterations, threads: 1, print: c => GeneratedFiles.SshConfig(c.Seed, Target, c.TargetBlock).ToString());
        output.WriteLine($"{iterations} generated ssh_config files: ssh -G compared for {names} names before and after; apply → undo gave back bytes, mode and owner");
    }

    private static (SshConfigSet Set, (string Path, byte[]? Before, byte[] After)? Edit) Plan(string directory, GeneratedFile file)
    {
        var path = Path.Combine(directory, "config");
        File.WriteAllBytes(path, file.Bytes);
        var set = SshConfigSet.Load(path, directory, (p, missing) => FixFiles.Read(p, missing));
        return (set, SshConfigEdit.Plan(set, Target, KeepAlive, null));
    }

    /// <summary>Equal, or the last line without a newline gaining the file's line ending ("\r\n" in a CRLF file) because lines follow it now.</summary>
    private static bool Same(Line a, Line b, bool last) =>
        (a.Content.AsSpan().SequenceEqual(b.Content) && a.Terminated == b.Terminated)
        || (last && !a.Terminated && b.Terminated && (a.Content.AsSpan().SequenceEqual(b.Content) || ((byte[])[.. a.Content, (byte)'\r']).AsSpan().SequenceEqual(b.Content)));
}
