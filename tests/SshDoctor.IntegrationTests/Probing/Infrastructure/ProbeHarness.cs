using SshDoctor.Diagnosis;
using SshDoctor.IntegrationTests.Ssh.Infrastructure;
using SshDoctor.Probing;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>
/// Runs the probe the way <c>diagnose</c> does, but hermetic: an empty -F config, a temporary known_hosts,
/// no agent unless given, a temporary home; never the developer's ~/.ssh or /etc/ssh/ssh_config.
/// </summary>
internal sealed class ProbeHarness : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ProbeHarness()
    {
        System.IO.File.WriteAllText(ConfigFile, "");
        System.IO.File.WriteAllText(KnownHostsFile, "");
        Directory.CreateDirectory(Path.Combine(_directory.Path, ".ssh"));
    }

    public string ConfigFile => _directory.File("ssh_config");

    public string KnownHostsFile => _directory.File("known_hosts");

    public string Home => _directory.Path;

    public string File(string name) => _directory.File(name);

    /// <summary>
    /// Resolves and probes as <c>diagnose</c> does, including the <see cref="EarlyConnection"/> started while ssh -G
    /// runs; <paramref name="useSsh"/> false uses the built-in config parser instead of ssh -G.
    /// </summary>
    public async Task<DiagnoseResult> RunAsync(string destination, int port, string[]? identities = null, string? agent = "none",
        string[]? options = null, bool useSsh = true, ProbeSettings? settings = null, double timeoutSeconds = 5, string? jump = null)
    {
        var request = new DiagnoseRequest
        {
            Destination = destination,
            Port = port,
            IdentityFiles = identities ?? [],
            ConfigFile = ConfigFile,
            KnownHostsFile = KnownHostsFile,
            Agent = agent,
            Options = options ?? [],
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            JumpHosts = jump,
        };
        var environment = new ProbeEnvironment
        {
            Home = Home,
            LocalUser = "root",
            Variable = name => name == "PATH" ? Environment.GetEnvironmentVariable("PATH") : null,
            Ssh = useSsh ? SshExecutable.Find(Environment.GetEnvironmentVariable) : null,
        };
        using var early = EarlyConnection.Start(TargetResolver.Guess(request, environment), TestContext.Current.CancellationToken);
        var target = await TargetResolver.ResolveAsync(request, environment, TestContext.Current.CancellationToken);
        return await new Prober(target, settings, null, early).RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The diagnoses as the report orders them: root cause first.</summary>
    public static IReadOnlyList<Diagnosis.Diagnosis> Ordered(DiagnoseResult result) =>
        DiagnosisOrder.RootCauseFirst(result.AllDiagnoses());

    public static string RootCause(DiagnoseResult result) => Ordered(result) is { Count: > 0 } list ? list[0].Id : "(none)";

    public static string Describe(DiagnoseResult result) =>
        string.Join('\n', result.Stages.Select(s => $"{s.Stage} {s.Status} {s.Detail}"))
        + "\n" + string.Join('\n', Ordered(result).Select(d => $"{d.Id} {d.Certainty} {string.Join(" | ", d.Evidence.Select(e => e.Text))}"));

    public void Dispose() => _directory.Dispose();
}
