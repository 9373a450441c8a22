using System.Text;
using CsCheck;
using SshDoctor.Fixes.KnownHosts;
using SshDoctor.Fixes.Text;
using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// The known_hosts edit of hostkey.changed on generated files: it removes exactly the lines ssh-keygen -R removes (checked
/// against the labels and against the real ssh-keygen), keeps every other byte, and apply → undo gives back the same
/// bytes, mode and owner. CsCheck prints the seed of a failing case; the counts are written to the test output.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KnownHostsPropertyTests(ITestOutputHelper output)
{
    private static readonly Gen<(int Seed, int Count, int Target)> Cases = Gen.Select(Gen.Int, Gen.Int[0, 40], Gen.Int[0, GeneratedFiles.Targets.Length - 1]);

    [Fact]
    public void Removal_takes_exactly_the_matching_lines_and_keeps_every_other_byte()
    {
        const int iterations = 5000;
        Cases.Sample(c =>
        {
            var target = GeneratedFiles.Targets[c.Target];
            var file = GeneratedFiles.KnownHosts(c.Seed, c.Count, target, allowInvalid: true);
            var edit = KnownHostsEdit.Apply(file.Bytes, target, null);

            var expected = file.Lines.Select((l, i) => (l, i)).Where(x => x.l.Removed).Select(x => x.i + 1).ToList();
            Assert.Equal(expected, edit.Removed);
            var original = TextLines.Parse(file.Bytes).Lines;
            var kept = original.Where((_, i) => !expected.Contains(i + 1)).ToList();
            var result = TextLines.Parse(edit.Content).Lines;
            Assert.Equal(kept.Count, result.Count);
            for (var i = 0; i < kept.Count; i++)
            {
                Assert.Equal(kept[i].Content, result[i].Content);
                Assert.True(kept[i].Terminated == result[i].Terminated || (i == kept.Count - 1 && result[i].Terminated == false), $"line ending of kept line {i + 1}");
            }
        }, iter: iterations, threads: 1, print: c => GeneratedFiles.KnownHosts(c.Seed, c.Count, GeneratedFiles.Targets[c.Target], true) + " target=" + GeneratedFiles.Targets[c.Target]);
        output.WriteLine($"{iterations} generated known_hosts files: removal checked line by line");
    }

    [Fact]
    public void Adding_a_key_appends_one_line_in_the_files_line_ending()
    {
        const int iterations = 2000;
        Cases.Sample(c =>
        {
            var target = GeneratedFiles.Targets[c.Target];
            var file = GeneratedFiles.KnownHosts(c.Seed, c.Count, target, allowInvalid: true);
            var entry = KnownHostsEdit.EntryLine(target, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0000000000000000000000", null);
            var edit = KnownHostsEdit.Apply(file.Bytes, null, entry);

            var text = Encoding.Latin1.GetString(edit.Content);
            var original = Encoding.Latin1.GetString(file.Bytes);
            Assert.StartsWith(original, text, StringComparison.Ordinal);
            var added = text[original.Length..];
            var lineEnd = original.Contains('\n', StringComparison.Ordinal) ? file.NewLine : "\n";
            var separator = original.Length == 0 || original.EndsWith('\n') ? string.Empty : lineEnd;
            Assert.Equal(separator + entry + lineEnd, added);
        }, iter: iterations, threads: 1, print: c => GeneratedFiles.KnownHosts(c.Seed, c.Count, GeneratedFiles.Targets[c.Target], true).ToString());
        output.WriteLine($"{iterations} generated known_hosts files: addition checked");
    }

    [Fact]
    public void Removal_gives_what_the_real_ssh_keygen_R_gives()
    {
        var which = Shell.Run("command -v ssh-keygen");
        Shell.Require(which.Code == 0, "ssh-keygen (openssh-client) is needed");
        var directory = Directory.CreateTempSubdirectory("sshdoctor-keygen-").FullName;
        const int iterations = 300;
        var differed = 0;
        var refused = 0;
        try
        {
            Cases.Sample(c =>
            {
                var target = GeneratedFiles.Targets[c.Target];
                var file = GeneratedFiles.KnownHosts(c.Seed, c.Count, target, allowInvalid: false);
                var path = Path.Combine(directory, "known_hosts");
                File.WriteAllBytes(path, file.Bytes);
                File.Delete(path + ".old");
                var run = Shell.Run($"ssh-keygen -R '{target}' -f '{path}'");
                var theirs = File.ReadAllBytes(path);
                var ours = KnownHostsEdit.Apply(file.Bytes, target, null);
                if (ours.Invalid.Count > 0)
                {
                    // Both call the same lines invalid (a blank line of a CRLF file is "\r", not blank to ssh): ssh-keygen
                    // then refuses the whole file, the fix keeps those lines as they are and warns.
                    Assert.True(run.Code != 0, $"ssh-keygen accepted a file with lines the fix calls invalid: {string.Join(", ", ours.Invalid)}");
                    Assert.Equal(file.Bytes, theirs);
                    refused++;
                    return;
                }

                Assert.True(run.Code == 0, $"ssh-keygen -R failed: {run.Stderr}");
                if (ours.Removed.Count == 0)
                {
                    Assert.Equal(file.Bytes, theirs);
                    return;
                }

                // ssh-keygen writes every kept line with '\n' (a missing final newline comes back): the one difference allowed.
                var expected = ours.Content.Length > 0 && ours.Content[^1] != '\n' ? [.. ours.Content, (byte)'\n'] : ours.Content;
                if (!expected.AsSpan().SequenceEqual(ours.Content))
                {
                    differed++;
                }

                Assert.Equal(Encoding.Latin1.GetString(theirs), Encoding.Latin1.GetString(expected));
                Assert.Equal(file.Bytes, File.ReadAllBytes(path + ".old"));
            }, iter: iterations, threads: 1, print: c => GeneratedFiles.KnownHosts(c.Seed, c.Count, GeneratedFiles.Targets[c.Target], false) + " target=" + GeneratedFiles.Targets[c.Target]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        output.WriteLine($"{iterations} generated known_hosts files compared with ssh-keygen -R ({differed} only by the final newline ssh-keygen adds; {refused} refused by ssh-keygen for lines the fix also calls invalid)");
    }

    [Fact]
    public void Apply_then_undo_gives_back_the_same_bytes_mode_and_owner()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        const int iterations = 2000;
        var modes = new[] { UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead };
        Cases.Sample(c =>
        {
            var home = Directory.CreateDirectory(Path.Combine(root, "sshdoctor-kh-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var target = GeneratedFiles.Targets[c.Target];
                var file = GeneratedFiles.KnownHosts(c.Seed, c.Count, target, allowInvalid: true);
                var path = Path.Combine(home, "known_hosts");
                File.WriteAllBytes(path, file.Bytes);
                File.SetUnixFileMode(path, modes[(c.Seed & 0x7fffffff) % modes.Length]);
                var after = KnownHostsEdit.Apply(file.Bytes, target, KnownHostsEdit.EntryLine(target, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0000000000000000000000", null)).Content;
                var problem = FixRoundTrip.ApplyThenUndo(home, path, after);
                Assert.True(problem is null, problem);
            }
            finally
            {
                Directory.Delete(home, recursive: true);
            }
        }, iter: iterations, threads: 1, print: c => $"seed {c.Seed} count {c.Count} target {GeneratedFiles.Targets[c.Target]}");
        output.WriteLine($"{iterations} generated known_hosts files: apply → undo gave back bytes, mode and owner");
    }
}
