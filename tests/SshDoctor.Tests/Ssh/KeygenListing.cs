namespace SshDoctor.Tests.Ssh;

/// <summary>The fields of <c>ssh-keygen -L</c> output: <c>Name: value</c> lines and indented lists under a name.</summary>
internal sealed class KeygenListing
{
    private readonly Dictionary<string, string> _fields = [];

    public KeygenListing(string text)
    {
        string? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (line.Length == 0 || line.EndsWith(".pub:", StringComparison.Ordinal))
            {
                continue;
            }

            if (colon > 0 || line.EndsWith(':'))
            {
                current = colon > 0 ? line[..colon] : line.TrimEnd(':');
                var value = colon > 0 ? line[(colon + 2)..] : "";
                _fields[current] = value;
                Lists[current] = value is "" or "(none)" ? [] : [value];
            }
            else if (current is not null)
            {
                Lists[current].Add(line.Split(' ')[0]);
            }
        }
    }

    public Dictionary<string, List<string>> Lists { get; } = [];

    public string this[string name] => _fields[name];
}
