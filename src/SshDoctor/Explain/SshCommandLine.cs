namespace SshDoctor.Explain;

/// <summary>
/// An ssh command line as a paste shows it (<c>$ ssh -o PreferredAuthentications=password -p 2222 root@host</c>): the
/// destination's user and the <c>-o</c> options, read as ssh's getopt would (options that take a value, <c>-oKey=V</c>
/// and <c>-o Key=V</c>, <c>-l USER</c>, <c>ssh://user@host:port</c>). Quotes around a word are dropped; what follows the
/// destination is the remote command and is not read.
/// </summary>
public sealed class SshCommandLine
{
    /// <summary>ssh's options that take a value (ssh.c's getopt string, the letters before a ':').</summary>
    private const string WithValue = "BbcDEeFIiJLlmOoPpQRSWw";

    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    public string? User { get; private set; }

    public string? Host { get; private set; }

    /// <summary>The value of <c>-o NAME=VALUE</c> (the first one, as ssh keeps the first), or null.</summary>
    public string? Option(string name) => _options.GetValueOrDefault(name);

    public static SshCommandLine Parse(string arguments)
    {
        var result = new SshCommandLine();
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote).ToList();
        string? loginName = null;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length > 1 && word[0] == '-')
            {
                var letter = word[1];
                if (!WithValue.Contains(letter, StringComparison.Ordinal))
                {
                    continue;
                }

                var value = word.Length > 2 ? word[2..] : i + 1 < words.Count ? words[++i] : string.Empty;
                if (letter == 'o')
                {
                    var cut = value.IndexOf('=', StringComparison.Ordinal);
                    var (name, optionValue) = cut > 0 ? (value[..cut], value[(cut + 1)..]) : (value, i + 1 < words.Count ? words[++i] : string.Empty);
                    result._options.TryAdd(name.Trim(), optionValue.Trim());
                }
                else if (letter == 'l')
                {
                    loginName ??= value;
                }

                continue;
            }

            var destination = word.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? word[6..] : word;
            var at = destination.LastIndexOf('@');
            result.User = at > 0 ? destination[..at] : loginName;
            result.Host = at >= 0 ? destination[(at + 1)..] : destination;
            break;
        }

        result.User ??= loginName;
        return result;
    }

    private static string Unquote(string word) =>
        word.Length >= 2 && (word[0] is '"' or '\'') && word[^1] == word[0] ? word[1..^1] : word.Trim('`');
}
