namespace SshDoctor.Config;

/// <summary>
/// The effective client configuration for one destination, keyed like <c>ssh -G</c> prints it (lower-case keyword,
/// values in order). Multi-valued keywords (IdentityFile, CertificateFile...) keep every value; the rest keep the first.
/// </summary>
public sealed class ResolvedSshConfig
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the values came from: <c>ssh -G</c> or the built-in parser.</summary>
    public required string Source { get; init; }

    /// <summary>Keywords that accumulate every value instead of keeping the first (readconf.c).</summary>
    public static IReadOnlySet<string> Accumulating { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "identityfile", "certificatefile", "localforward", "remoteforward", "dynamicforward", "sendenv", "setenv",
    };

    public IEnumerable<string> Keywords => _values.Keys;

    /// <summary>Records a value; for single-valued keywords only the first one counts (first value wins).</summary>
    public void Add(string keyword, string value)
    {
        if (!_values.TryGetValue(keyword, out var list))
        {
            _values[keyword] = [value];
        }
        else if (Accumulating.Contains(keyword))
        {
            list.Add(value);
        }
    }

    /// <summary>Sets a keyword's value after the fact (e.g. HostName with %h expanded).</summary>
    internal void Replace(string keyword, string value) => _values[keyword] = [value];

    public bool Has(string keyword) => _values.ContainsKey(keyword);

    public string? First(string keyword) => _values.TryGetValue(keyword, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string keyword) => _values.TryGetValue(keyword, out var list) ? list : [];

    /// <summary>yes/true → true, no/false → false, anything else (or absent) → null.</summary>
    public bool? Flag(string keyword) => First(keyword)?.ToLowerInvariant() switch
    {
        "yes" or "true" => true,
        "no" or "false" => false,
        _ => null,
    };
}
