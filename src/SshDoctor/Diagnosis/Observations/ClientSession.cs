using SshDoctor.Logs;

namespace SshDoctor.Diagnosis.Observations;

/// <summary>
/// One connection as the client log tells it: the target, or a jump host of a ProxyJump chain (whose ssh writes to
/// the same terminal). Plain facts gathered from the lines; the rules judge them.
/// </summary>
public sealed class ClientSession(int index, string input)
{
    /// <summary>0 for the connection to the target; 1, 2... for jump hosts in the order they appear.</summary>
    public int Index { get; } = index;

    public string Input { get; } = input;

    public ClientSession? Parent { get; set; }

    public string Role => Index == 0 ? "target" : $"jump {Index}";

    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    public string? OpenSshVersion { get; set; }

    public string? ServerSoftware { get; set; }

    /// <summary>The connection runs over a ProxyCommand/ProxyJump: OpenSSH names the peer <c>UNKNOWN port 65535</c>.</summary>
    public bool ViaProxy { get; set; }

    /// <summary>The ProxyJump list this connection went through, as <c>ssh -J</c> takes it (from ssh's implicit ProxyCommand).</summary>
    public string? JumpRoute { get; set; }

    public List<LogEvent> Events { get; } = [];

    public List<KeyAttempt> Keys { get; } = [];

    public IReadOnlyList<string> Methods { get; set; } = [];

    /// <summary>The methods the command line in the paste asked for first (<c>-o PreferredAuthentications=…</c>), if it showed one.</summary>
    public IReadOnlyList<string> PreferredMethods { get; set; } = [];

    public string? HostKeyType { get; set; }

    public string? HostKeyFingerprint { get; set; }

    public string? KnownHostsMatch { get; set; }

    public string? OffendingEntry { get; set; }

    public string? OffendingType { get; set; }

    /// <summary>Whose KEXINIT proposal the lines that follow list (<c>local client</c> or <c>peer server</c>), as the last header said.</summary>
    public string? LastProposalHeader { get; set; }

    public Dictionary<string, string> ClientProposal { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ServerProposal { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Chosen { get; } = new(StringComparer.Ordinal);

    /// <summary>The furthest stage that completed, with the line that showed it.</summary>
    public Dictionary<Stage, string> Reached { get; } = [];

    public bool Authenticated => Reached.ContainsKey(Stage.Auth);

    public bool SawBanner => Reached.ContainsKey(Stage.Banner);

    public IEnumerable<LogEvent> OfKind(string kind) => Events.Where(e => e.Kind == kind);

    public LogEvent? First(string kind) => Events.FirstOrDefault(e => e.Kind == kind);

    public LogEvent? Last(string kind) => Events.LastOrDefault(e => e.Kind == kind);

    public bool Has(string kind) => Events.Any(e => e.Kind == kind);

    /// <summary>A comma-separated name-list as ssh prints it (methods, algorithms).</summary>
    internal static IReadOnlyList<string> SplitList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
