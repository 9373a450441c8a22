using SshDoctor.Probing.Resolve;

namespace SshDoctor.Probing;

/// <summary>What the user asked <c>diagnose</c> to check; options mean what they mean to ssh.</summary>
public sealed record DiagnoseRequest
{
    /// <summary><c>[user@]host[:port]</c> as typed.</summary>
    public required string Destination { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>-J value: comma-separated hops.</summary>
    public string? JumpHosts { get; init; }

    /// <summary>-F value.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>-o values, <c>Keyword=value</c> or <c>Keyword value</c>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>--known-hosts: the only known_hosts file to consult (instead of the user and global ones).</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>--agent: a socket path, or <c>none</c>.</summary>
    public string? Agent { get; init; }

    /// <summary>--timeout: deadline for the TCP connect and for each protocol stage.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>--login: authenticate for real (signature), open a session and run <c>true</c>.</summary>
    public bool Login { get; init; }

    /// <summary>Stop at the server's authentication methods, querying no key (what <c>scan</c> asks for each host).</summary>
    public bool MethodsOnly { get; init; }

    /// <summary>--with-ssh: also run <c>ssh -vvv -o BatchMode=yes</c> and merge what explain finds.</summary>
    public bool WithSsh { get; init; }

    /// <summary>
    /// Why a file named on the command line cannot be used, or null. What ssh itself reports (a missing -i or -F, an
    /// unreadable key) is left to the diagnosis; what would make it, or the probe, wait or read without end is bad
    /// input: a FIFO, socket, device or directory for -F, -i or --known-hosts, and a --known-hosts that cannot be read.
    /// </summary>
    public string? FileProblem(string home)
    {
        foreach (var (option, value) in NamedFiles())
        {
            var read = Files.BoundedFile.Read(Config.SshConfigParser.ExpandTilde(value, home), 1, value);
            var refused = read.Problem == Files.FileReadProblem.NotRegular
                || (option == "--known-hosts" && read.Problem is not (Files.FileReadProblem.None or Files.FileReadProblem.Missing))
                || (option == "-F" && read.Problem is Files.FileReadProblem.SymlinkLoop);
            if (refused)
            {
                return $"{option} {value}: {read.Reason}";
            }
        }

        return null;
    }

    private IEnumerable<(string Option, string Value)> NamedFiles()
    {
        if (ConfigFile is not null && ConfigFile != "none")
        {
            yield return ("-F", ConfigFile);
        }

        foreach (var identity in IdentityFiles)
        {
            yield return ("-i", identity);
        }

        if (KnownHostsFile is not null)
        {
            yield return ("--known-hosts", KnownHostsFile);
        }
    }

    /// <summary>
    /// The ssh arguments equivalent to this request (without the -G / -vvv mode flag), ending with <c>-- HOST</c>: after
    /// <c>--</c> ssh takes the host as the destination even if it began with '-' (the names are checked before, see
    /// <see cref="CommandLineNames"/>), and a remote command may follow.
    /// </summary>
    public IReadOnlyList<string> SshArguments()
    {
        var args = new List<string>();
        if (ConfigFile is not null)
        {
            args.AddRange(["-F", ConfigFile]);
        }

        var destination = Probing.Resolve.Destination.Parse(Destination);
        var port = Port ?? destination.Port;
        if (port is { } p)
        {
            args.AddRange(["-p", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if ((User ?? destination.User) is { } user)
        {
            args.AddRange(["-l", user]);
        }

        foreach (var identity in IdentityFiles)
        {
            args.AddRange(["-i", identity]);
        }

        if (JumpHosts is not null)
        {
            args.AddRange(["-J", JumpHosts]);
        }

        foreach (var option in Options)
        {
            args.AddRange(["-o", option]);
        }

        if (KnownHostsFile is not null)
        {
            args.AddRange(["-o", "UserKnownHostsFile=" + KnownHostsFile, "-o", "GlobalKnownHostsFile=/dev/null"]);
        }

        if (Agent is not null)
        {
            args.AddRange(["-o", "IdentityAgent=" + Agent]);
        }

        args.Add("--");
        args.Add(destination.Host);
        return args;
    }
}
