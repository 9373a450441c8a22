using System.Buffers.Binary;
using System.Text;
using SshDoctor.Fixes.KnownHosts;

namespace SshDoctor.Tests.Fixes;

/// <summary>One generated line: its text (without the line ending) and whether ssh-keygen -R TARGET removes it.</summary>
internal sealed record GeneratedLine(string Text, bool Removed, bool Valid = true);

/// <summary>A generated file: its lines, the line ending, and whether the last line ends with one.</summary>
internal sealed record GeneratedFile(IReadOnlyList<GeneratedLine> Lines, string NewLine, bool FinalNewLine)
{
    public byte[] Bytes
    {
        get
        {
            var text = new StringBuilder();
            for (var i = 0; i < Lines.Count; i++)
            {
                text.Append(Lines[i].Text);
                if (i < Lines.Count - 1 || FinalNewLine)
                {
                    text.Append(NewLine);
                }
            }

            return Encoding.Latin1.GetBytes(text.ToString());
        }
    }

    public override string ToString() => Encoding.Latin1.GetString(Bytes).Replace("\r", "\\r", StringComparison.Ordinal);
}

/// <summary>
/// Deterministic generators (a seed from CsCheck picks everything, so a failing seed reproduces the file) for the
/// files fixes edit: known_hosts with plain, hashed, wildcard and negated names, [host]:port, markers, comments,
/// blank and invalid lines; ssh_config with Host and Match blocks, catch-alls, comments, Include, '=' forms.
/// </summary>
internal static class GeneratedFiles
{
    public static readonly string[] Targets = ["server.test", "[127.0.0.1]:2222", "10.0.0.5", "[web.example]:22022"];

    private static readonly string[] Others = ["other.test", "[127.0.0.1]:2223", "10.0.0.50", "[server.test]:2222", "server.test.evil", "web", "[10.0.0.5]:22"];

    public static GeneratedFile KnownHosts(int seed, int count, string target, bool allowInvalid)
    {
        var random = new Random(seed);
        var lines = new List<GeneratedLine>();
        for (var i = 0; i < count; i++)
        {
            lines.Add(KnownHostsLine(random, target, allowInvalid));
        }

        return new GeneratedFile(lines, random.Next(4) == 0 ? "\r\n" : "\n", random.Next(5) != 0);
    }

    private static GeneratedLine KnownHostsLine(Random random, string target, bool allowInvalid)
    {
        var key = Key(random);
        var other = Others[random.Next(Others.Length)];
        var space = random.Next(5) == 0 ? "\t" : random.Next(5) == 0 ? "  " : " ";
        switch (random.Next(allowInvalid ? 13 : 12))
        {
            case 0:
                return new GeneratedLine("# " + Word(random) + " " + target, false);
            case 1:
                return new GeneratedLine(random.Next(2) == 0 ? string.Empty : "   ", false);
            case 2:
                return new GeneratedLine(Case(random, target) + space + key, true);
            case 3:
                return new GeneratedLine(string.Join(',', Shuffle(random, [Case(random, target), other, Word(random)])) + space + key, true);
            case 4:
                return new GeneratedLine(other + "," + Word(random) + space + key, false);
            case 5:
                return new GeneratedLine(KnownHostsMatcher.Hash(target, Salt(random)) + space + key, true);
            case 6:
                return new GeneratedLine(KnownHostsMatcher.Hash(other, Salt(random)) + space + key, false);
            case 7:
                return new GeneratedLine((random.Next(2) == 0 ? "@cert-authority " : "@revoked ") + target + space + key, false);
            case 8:
                return new GeneratedLine("!" + target + ",*" + space + key, false);
            case 9:
                return new GeneratedLine(target + space + key + " comment " + Word(random), true);
            case 10:
                return new GeneratedLine("@cert-authority *.example,*.test" + space + key, false);
            case 11:
                return new GeneratedLine(other + space + key, false);
            default:
                return new GeneratedLine(random.Next(2) == 0 ? target : target + " ssh-ed25519", false, Valid: false);
        }
    }

    /// <summary>ssh-ed25519 and a syntactically valid blob (any 32 bytes are an ed25519 public key).</summary>
    private static string Key(Random random)
    {
        var blob = new byte[4 + 11 + 4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(blob, 11);
        Encoding.ASCII.GetBytes("ssh-ed25519").CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(15), 32);
        random.NextBytes(blob.AsSpan(19));
        return "ssh-ed25519 " + Convert.ToBase64String(blob);
    }

    private static byte[] Salt(Random random)
    {
        var salt = new byte[20];
        random.NextBytes(salt);
        return salt;
    }

    private static string Case(Random random, string name) => random.Next(4) == 0 ? name.ToUpperInvariant() : name;

    public static string Word(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return string.Create(random.Next(3, 9), random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = letters[r.Next(letters.Length)];
            }
        });
    }

    private static List<string> Shuffle(Random random, List<string> items) => items.OrderBy(_ => random.Next()).ToList();

    private static readonly string[] ConfigOptions = ["User bob", "Port 2200", "IdentitiesOnly no", "Compression yes", "HostName h.example", "LogLevel ERROR", "ConnectTimeout 7", "ForwardAgent no"];

    /// <summary>An ssh_config (lines labelled nothing: the edit must keep every one of them).</summary>
    public static GeneratedFile SshConfig(int seed, string target, bool targetBlock)
    {
        var random = new Random(seed);
        var lines = new List<GeneratedLine>();
        var indent = random.Next(3) switch { 0 => "  ", 1 => "\t", _ => "    " };
        for (var i = random.Next(3); i > 0; i--)
        {
            lines.Add(new GeneratedLine(random.Next(2) == 0 ? "# global " + Word(random) : ConfigOptions[random.Next(ConfigOptions.Length)], false));
        }

        if (random.Next(4) == 0)
        {
            lines.Add(new GeneratedLine("Include /nonexistent/ssh-doctor-test/" + Word(random) + "_*.conf", false));
        }

        var blocks = random.Next(1, 7);
        var placedTarget = false;
        for (var b = 0; b < blocks; b++)
        {
            var kind = random.Next(8);
            string header;
            if (targetBlock && !placedTarget && (kind == 0 || b == blocks - 1))
            {
                header = "Host " + target;
                placedTarget = true;
            }
            else
            {
                header = kind switch
                {
                    1 => "Host *",
                    2 => "Match all",
                    3 => "Host *.example !bad.example",
                    4 => "Match host " + Word(random) + ".test",
                    5 => "Host=" + Word(random),
                    6 => "# about the next block\nHost " + Word(random) + " " + Word(random) + ".test",
                    _ => "Host " + Word(random),
                };
            }

            foreach (var headerLine in header.Split('\n'))
            {
                lines.Add(new GeneratedLine(headerLine, false));
            }

            for (var o = random.Next(0, 4); o > 0; o--)
            {
                var option = ConfigOptions[random.Next(ConfigOptions.Length)];
                lines.Add(new GeneratedLine(random.Next(4) == 0 ? indent + option.Replace(" ", "=", StringComparison.Ordinal) : random.Next(6) == 0 ? "# " + option : indent + option, false));
            }

            if (random.Next(2) == 0)
            {
                lines.Add(new GeneratedLine(string.Empty, false));
            }
        }

        return new GeneratedFile(lines, random.Next(4) == 0 ? "\r\n" : "\n", random.Next(5) != 0);
    }
}
