using System.Globalization;
using System.Text;
using SshDoctor.Config;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Explain;
using SshDoctor.Logs.Input;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.Probing.Resolve;

/// <summary>
/// Resolves a request the way the user's OpenSSH would: <c>ssh -G</c> with the same arguments when ssh is installed,
/// the built-in ssh_config parser otherwise; then our own overrides (--known-hosts, --agent, --timeout).
/// </summary>
public static class TargetResolver
{
    private static readonly TimeSpan SshTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ProbeTarget> ResolveAsync(DiagnoseRequest request, ProbeEnvironment environment, CancellationToken cancellationToken)
    {
        var destination = Destination.Parse(request.Destination);
        if (CommandLineNames.FirstRefused(request, destination) is { } refused)
        {
            // ssh stops here, before reading any configuration; nothing is run with the name.
            return Refused(request, destination, environment, refused);
        }

        var sshArguments = request.SshArguments();
        ResolvedSshConfig? config = null;
        ClientVersion? version = null;
        var configDiagnoses = new List<Diagnosis.Diagnosis>();
        var fatal = false;
        string? configError = null;
        if (environment.Ssh is { } ssh)
        {
            // Process starts are the largest fixed cost of a diagnose run: the release is read from the binary when it
            // can be, and ssh -V (if still needed) runs beside ssh -G, each from its own thread (Process.Start blocks
            // until the child has exec'd).
            version = SshBinaryVersion.TryRead(ssh.Path);
            var versionTask = version is null ? Task.Run(() => ssh.RunAsync(["-V"], SshTimeout, cancellationToken), cancellationToken) : null;
            var run = await Task.Run(() => ssh.RunAsync(["-G", .. sshArguments], SshTimeout, cancellationToken), cancellationToken);
            if (versionTask is not null)
            {
                var versionRun = await versionTask;
                version = ClientVersion.TryParse(versionRun.Stderr + versionRun.Stdout);
            }
            configDiagnoses.AddRange(ExplainStderr(run.Stderr));
            if (run.ExitCode == 0 && run.Stdout.Contains("hostname ", StringComparison.Ordinal))
            {
                config = SshGOutputParser.Parse(run.Stdout);
            }
            else
            {
                fatal = true;
                configError = string.Join(" ", run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.StartsWith("Pseudo-terminal", StringComparison.Ordinal)));
            }

            // ssh -G prints "Bad configuration option" and still exits 0 for -o typos; ssh itself would stop.
            fatal |= configDiagnoses.Any(d => d.Id == Diagnosis.DiagnosisIds.ConfigBadOption || d.Id == Diagnosis.DiagnosisIds.ConfigBadPermissions);
        }

        config ??= SshConfigParser.Resolve(destination.Host, CommandLineOptions(request, destination), request.ConfigFile, environment.Home, environment.LocalUser);
        var target = Build(request, destination, config, version, environment, sshArguments);
        if (fatal && configDiagnoses.Count == 0)
        {
            // A refusal no signature knows yet still gets its id: ssh stopped at its configuration, for the reason it printed.
            configDiagnoses.AddRange(DiagnoseResult.Judge([new ConfigStopped(target.Subject, null, configError)]));
        }
        var jumps = new List<ProbeTarget>();
        foreach (var hop in target.Jumps)
        {
            // ssh turns -J into "ssh -l USER -p PORT [-F CONFIG] HOP": the hop gets its own config, not our -o options.
            var hopRequest = new DiagnoseRequest
            {
                Destination = hop.Host,
                User = hop.User,
                Port = hop.Port,
                ConfigFile = request.ConfigFile,
                KnownHostsFile = request.KnownHostsFile,
                Agent = request.Agent,
                Timeout = request.Timeout,
                Options = ["ProxyJump=none"],
            };
            jumps.Add((await ResolveAsync(hopRequest, environment, cancellationToken)) with { Jumps = [] });
        }

        return target with
        {
            JumpTargets = jumps,
            ConfigDiagnoses = configDiagnoses.Select(d => WithTargetValues(d, target)).ToList(),
            ConfigFatal = fatal,
            ConfigError = configError,
        };
    }

    /// <summary>
    /// The built-in parser's reading of the request, without running ssh: what <see cref="EarlyConnection"/> connects to
    /// while <c>ssh -G</c> runs. Null when the configuration cannot be read (the real resolution then reports why).
    /// </summary>
    public static ProbeTarget? Guess(DiagnoseRequest request, ProbeEnvironment environment)
    {
        try
        {
            var destination = Destination.Parse(request.Destination);
            if (CommandLineNames.FirstRefused(request, destination) is not null)
            {
                return null;
            }

            var config = SshConfigParser.Resolve(destination.Host, CommandLineOptions(request, destination), request.ConfigFile, environment.Home, environment.LocalUser);
            return Build(request, destination, config, null, environment, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The target of a destination ssh refuses by name: the config stage fails with config.invalid-name.</summary>
    private static ProbeTarget Refused(DiagnoseRequest request, Destination destination, ProbeEnvironment environment, NameRefusal refused)
    {
        var user = request.User ?? destination.User ?? environment.LocalUser;
        var port = request.Port ?? destination.Port ?? 22;
        var subject = new ProbeSubject(destination.Host, destination.Host, port, user);
        return new ProbeTarget
        {
            Alias = destination.Host,
            HostName = destination.Host,
            Port = port,
            User = user,
            KnownHostsName = destination.Host,
            ClientAlgorithms = ClientAlgorithmDefaults.For(ClientVersion.Latest),
            ConfigSource = "command line",
            ConfigDiagnoses = DiagnoseResult.Judge([new NameRefused(subject, null, refused.What, refused.Name, refused.Message)]),
            ConfigFatal = true,
            ConfigError = refused.Message,
        };
    }

    /// <summary>Fills host, port and user into a diagnosis read from ssh's own messages, where they are not printed.</summary>
    private static Diagnosis.Diagnosis WithTargetValues(Diagnosis.Diagnosis diagnosis, ProbeTarget target)
    {
        var values = new Dictionary<string, string>(diagnosis.Values, StringComparer.Ordinal);
        values.TryAdd("host", target.Alias);
        values.TryAdd("port", target.Port.ToString(CultureInfo.InvariantCulture));
        values.TryAdd("user", target.User);
        return diagnosis with { Values = values };
    }

    /// <summary>-o, -p, -l, -i, -J as the keyword/value pairs ssh applies before any file.</summary>
    internal static List<(string Keyword, string Value)> CommandLineOptions(DiagnoseRequest request, Destination destination)
    {
        var options = new List<(string, string)>();
        foreach (var option in request.Options)
        {
            var words = SshConfigParser.Words(option);
            if (words.Count >= 2)
            {
                options.Add((words[0], string.Join(' ', words.Skip(1))));
            }
        }

        if ((request.Port ?? destination.Port) is { } port)
        {
            options.Insert(0, ("port", port.ToString(CultureInfo.InvariantCulture)));
        }

        if ((request.User ?? destination.User) is { } user)
        {
            options.Insert(0, ("user", user));
        }

        foreach (var identity in request.IdentityFiles)
        {
            options.Add(("identityfile", identity));
        }

        if (request.JumpHosts is not null)
        {
            options.Insert(0, ("proxyjump", request.JumpHosts));
        }

        if (request.KnownHostsFile is not null)
        {
            options.Insert(0, ("userknownhostsfile", request.KnownHostsFile));
            options.Insert(0, ("globalknownhostsfile", "/dev/null"));
        }

        if (request.Agent is not null)
        {
            options.Insert(0, ("identityagent", request.Agent));
        }

        return options;
    }

    private static ProbeTarget Build(DiagnoseRequest request, Destination destination, ResolvedSshConfig config, ClientVersion? version, ProbeEnvironment environment, IReadOnlyList<string> sshArguments)
    {
        var home = environment.Home;
        var hostName = config.First("hostname") ?? destination.Host;
        var port = int.TryParse(config.First("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 22;
        var user = config.First("user") ?? environment.LocalUser;
        var knownHosts = new List<string>();
        var globalKnownHosts = new List<string>();
        foreach (var keyword in (string[])["userknownhostsfile", "globalknownhostsfile"])
        {
            foreach (var value in config.All(keyword))
            {
                var files = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => SshConfigParser.ExpandTilde(f, home)).Where(f => f != "/dev/null").ToList();
                knownHosts.AddRange(files);
                if (keyword == "globalknownhostsfile")
                {
                    globalKnownHosts.AddRange(files);
                }
            }
        }

        var algorithms = config.Source == "ssh -G" && config.Has("kexalgorithms")
            ? new UserClientAlgorithms(
                ClientAlgorithmDefaults.Split(config.First("kexalgorithms")!),
                ClientAlgorithmDefaults.Split(config.First("hostkeyalgorithms") ?? ""),
                ClientAlgorithmDefaults.Split(config.First("ciphers") ?? ""),
                ClientAlgorithmDefaults.Split(config.First("macs") ?? ""),
                "ssh -G" + (version is null ? "" : $" ({version.Text})"))
            { Exact = true }
            : ClientAlgorithmDefaults.For(version ?? ClientVersion.Latest).WithConfig(config.First);

        var timeout = request.Timeout
            ?? (int.TryParse(config.First("connecttimeout"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(10));
        var agent = config.First("identityagent") is { } configured
            ? configured.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
                : configured == "SSH_AUTH_SOCK" ? environment.Variable("SSH_AUTH_SOCK")
                : SshConfigParser.ExpandTilde(configured, home)
            : environment.Variable("SSH_AUTH_SOCK");

        return new ProbeTarget
        {
            Alias = destination.Host,
            HostName = hostName,
            Port = port,
            User = user,
            IdentityFiles = config.All("identityfile").Select(f => ExpandPercent(SshConfigParser.ExpandTilde(f, home), hostName, user, port, home)).ToList(),
            CertificateFiles = config.All("certificatefile").Select(f => ExpandPercent(SshConfigParser.ExpandTilde(f, home), hostName, user, port, home)).ToList(),
            IdentitiesOnly = config.Flag("identitiesonly") ?? false,
            AgentSocket = string.IsNullOrEmpty(agent) ? null : agent,
            Jumps = Destination.ParseJumps(config.First("proxyjump")),
            ProxyCommand = config.First("proxycommand") is { } proxy && !proxy.Equals("none", StringComparison.OrdinalIgnoreCase) ? proxy : null,
            ProxyShell = environment.Variable("SHELL") is { Length: > 0 } shell ? shell : "/bin/sh",
            KnownHostsFiles = knownHosts,
            GlobalKnownHostsFiles = globalKnownHosts,
            KnownHostsName = (config.First("hostkeyalias") ?? hostName).ToLowerInvariant(),
            CaSignatureAlgorithms = config.First("casignaturealgorithms") is { } caAlgorithms ? AlgorithmListModifier.Apply(Ssh.HostKeys.SshCertificate.DefaultCaSignatureAlgorithms, caAlgorithms) : null,
            StrictHostKeyChecking = (config.First("stricthostkeychecking") ?? "ask").ToLowerInvariant() switch
            {
                // ssh -G prints the flag form.
                "true" => "yes",
                "false" or "off" => "no",
                var other => other,
            },
            BatchMode = config.Flag("batchmode") ?? false,
            HashKnownHosts = config.Flag("hashknownhosts") ?? false,
            PubkeyAuthentication = config.Flag("pubkeyauthentication") ?? true,
            PreferredAuthentications = config.First("preferredauthentications") is { } preferred ? ClientAlgorithmDefaults.Split(preferred) : null,
            PubkeyAcceptedAlgorithms = config.Source == "ssh -G" && config.First("pubkeyacceptedalgorithms") is { } accepted ? ClientAlgorithmDefaults.Split(accepted) : null,
            AddressFamily = (config.First("addressfamily") ?? "any").ToLowerInvariant(),
            ConnectTimeout = timeout,
            ClientAlgorithms = algorithms,
            ClientVersion = version,
            ConfigSource = config.Source,
            SshArguments = sshArguments,
        };
    }

    /// <summary>The %-tokens ssh expands in IdentityFile (the common ones).</summary>
    private static string ExpandPercent(string path, string host, string user, int port, string home) =>
        !path.Contains('%', StringComparison.Ordinal)
            ? path
            : path.Replace("%h", host, StringComparison.Ordinal).Replace("%r", user, StringComparison.Ordinal)
                .Replace("%p", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("%d", home, StringComparison.Ordinal).Replace("%%", "%", StringComparison.Ordinal);

    private static IEnumerable<Diagnosis.Diagnosis> ExplainStderr(string stderr)
    {
        if (string.IsNullOrWhiteSpace(stderr))
        {
            return [];
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(stderr));
        var input = BoundedLineReader.Read("ssh -G", stream, InputLimits.Default);
        return Explainer.Explain([input]).Diagnoses.Where(d => d.Stage == Diagnosis.Stage.Config);
    }
}
