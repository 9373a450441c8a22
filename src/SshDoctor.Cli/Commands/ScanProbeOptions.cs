using System.CommandLine;
using SshDoctor.Probing;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// diagnose's options that apply to every host of a scan, meaning the same (-F, -i, -o, -l, -J, --known-hosts, --agent,
/// --timeout); a port belongs to each host (<c>host:port</c>), so there is no -p.
/// </summary>
internal sealed class ScanProbeOptions
{
    private readonly DiagnoseOptions _diagnose = new();

    public IEnumerable<Option> All => [_diagnose.User, _diagnose.Identity, _diagnose.Jump, _diagnose.Config, _diagnose.Options, _diagnose.KnownHosts, _diagnose.Agent, _diagnose.Timeout];

    /// <summary>The request every host starts from; its destination is replaced per host. A named file that cannot be used is a usage error.</summary>
    public DiagnoseRequest Template(ParseResult parse, string home)
    {
        var seconds = parse.GetValue(_diagnose.Timeout);
        var request = new DiagnoseRequest
        {
            Destination = "scan",
            User = parse.GetValue(_diagnose.User),
            IdentityFiles = parse.GetValue(_diagnose.Identity) ?? [],
            JumpHosts = parse.GetValue(_diagnose.Jump),
            ConfigFile = parse.GetValue(_diagnose.Config),
            Options = parse.GetValue(_diagnose.Options) ?? [],
            KnownHostsFile = parse.GetValue(_diagnose.KnownHosts),
            Agent = parse.GetValue(_diagnose.Agent),
            Timeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
            MethodsOnly = true,
        };
        if (request.FileProblem(home) is { } problem)
        {
            throw new UsageException(problem);
        }

        return request;
    }
}
