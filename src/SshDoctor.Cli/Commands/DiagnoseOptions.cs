using System.CommandLine;
using SshDoctor.Cli.Completion;
using SshDoctor.Probing;
using SshDoctor.Probing.Resolve;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// The destination options of <c>diagnose</c>, meaning what they mean to ssh; <c>fix</c> takes the same ones. A fresh
/// set per command (System.CommandLine options belong to one command).
/// </summary>
internal sealed class DiagnoseOptions
{
    public Option<bool> Login { get; } = new("--login") { Description = "Also authenticate for real with a key that can sign, open a session and run 'true'." };

    public Option<bool> WithSsh { get; } = new("--with-ssh") { Description = "Also run your ssh -vvv and merge what its output shows; without --login it changes nothing and stops before authenticating." };

    public Option<int?> Port { get; } = new("-p") { HelpName = "PORT", Description = "Port to connect to (as ssh -p).", CustomParser = OptionParsers.Port };

    public Option<string?> User { get; } = new("-l") { HelpName = "USER", Description = "User to log in as (as ssh -l)." };

    public Option<string[]> Identity { get; } = ValueCompletion.Files(new Option<string[]>("-i") { HelpName = "FILE", Description = "Identity (private key) file; repeatable (as ssh -i). Only its public half is read.", Arity = ArgumentArity.ZeroOrMore });

    public Option<string?> Jump { get; } = ValueCompletion.Destinations(new Option<string?>("-J") { HelpName = "DESTINATION[,...]", Description = "Jump hosts, comma-separated (as ssh -J)." });

    public Option<string?> Config { get; } = ValueCompletion.Files(new Option<string?>("-F") { HelpName = "FILE", Description = "ssh configuration file (as ssh -F)." });

    public Option<string[]> Options { get; } = new("-o") { HelpName = "KEYWORD=VALUE", Description = "ssh option Keyword=value; repeatable (as ssh -o).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> KnownHosts { get; } = ValueCompletion.Files(new Option<string?>("--known-hosts") { HelpName = "FILE", Description = "The only known_hosts file to compare the host key with." });

    public Option<string?> Agent { get; } = ValueCompletion.Files(new Option<string?>("--agent") { HelpName = "SOCKET|none", Description = "ssh-agent socket to list keys from, or 'none' (default: IdentityAgent / SSH_AUTH_SOCK)." });

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        HelpName = "SECONDS",
        Description = "Seconds allowed for the TCP connect and for each protocol stage (default: ConnectTimeout, else 10).",
        CustomParser = OptionParsers.Seconds(3600),
    };

    public IEnumerable<Option> All => [Login, WithSsh, Port, User, Identity, Jump, Config, Options, KnownHosts, Agent, Timeout];

    /// <summary>The request for <paramref name="destination"/>; a destination or a named file that cannot be used is a usage error (exit 2).</summary>
    public DiagnoseRequest Request(ParseResult parse, string destination)
    {
        var seconds = parse.GetValue(Timeout);
        var request = new DiagnoseRequest
        {
            Destination = destination,
            Port = parse.GetValue(Port),
            User = parse.GetValue(User),
            IdentityFiles = parse.GetValue(Identity) ?? [],
            JumpHosts = parse.GetValue(Jump),
            ConfigFile = parse.GetValue(Config),
            Options = parse.GetValue(Options) ?? [],
            KnownHostsFile = parse.GetValue(KnownHosts),
            Agent = parse.GetValue(Agent),
            Timeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
            Login = parse.GetValue(Login),
            WithSsh = parse.GetValue(WithSsh),
        };
        try
        {
            _ = Destination.Parse(request.Destination);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        if (request.FileProblem(ProbeEnvironment.FromProcess().Home) is { } fileProblem)
        {
            throw new UsageException(fileProblem);
        }

        return request;
    }
}
