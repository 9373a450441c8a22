using System.Globalization;
using System.Text;
using SshDoctor.Diagnosis;
using SshDoctor.Explain;
using SshDoctor.Logs.Input;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// <c>--with-ssh</c>: the user's own ssh with -vvv beside the probe, its output read by explain. With <c>--login</c> it
/// logs in and runs <c>true</c>, as the probe does. Without it, it must change nothing and never authenticate: it
/// runs inside a <see cref="UserSshSandbox"/> (copied known_hosts, strict host key checking, batch mode, the "none"
/// method only, no session, no agent or X11 forwarding, no shared connection), so it stops at the server's list of
/// methods; what it then says about authentication and sessions is ours, not the server's, and is left out.
/// </summary>
public static class UserSshRun
{
    /// <summary>Ids that, without --login, come from the sandbox's own options rather than from the server or the user's setup.</summary>
    private static readonly HashSet<string> SandboxArtefacts = new(StringComparer.Ordinal)
    {
        DiagnosisIds.HostKeyUnknown, DiagnosisIds.JumpHopFailed, DiagnosisIds.Ok,
    };

    /// <summary>Runs ssh; what explain found in its output (without --login: only what the sandbox did not cause) and the output itself.</summary>
    public static async Task<UserSshResult> RunAsync(SshExecutable ssh, ProbeTarget target, string home, bool login, CancellationToken cancellationToken)
    {
        if (target.ConfigDiagnoses.Any(d => d.Id == DiagnosisIds.ConfigInvalidName))
        {
            // A name ssh refuses is not handed to any program, not even to ssh to hear it refused.
            return new UserSshResult([], string.Empty, []);
        }

        var timeout = target.ConnectTimeout + TimeSpan.FromSeconds(20);
        if (login)
        {
            var arguments = LoginArguments(target);
            var logged = (await ssh.RunAsync(arguments, timeout, cancellationToken)).Stderr;
            return new UserSshResult(Explain(logged, login: true), logged, arguments);
        }

        var (userConfig, others) = SplitConfigFile(target.SshArguments);
        using var sandbox = UserSshSandbox.Create(target, home, userConfig);
        if (sandbox is null)
        {
            return new UserSshResult([], string.Empty, []);
        }

        var sandboxed = SandboxedArguments(target, sandbox, others);
        var log = sandbox.RestorePaths((await ssh.RunAsync(sandboxed, timeout, cancellationToken)).Stderr);
        return new UserSshResult(Explain(log, login: false), log, sandboxed);
    }

    /// <summary>
    /// With --login: batch mode, no shared connection (a ControlPersist master would outlive the run and hold its
    /// output open), the user's arguments, then <c>-- HOST true</c>.
    /// </summary>
    public static IReadOnlyList<string> LoginArguments(ProbeTarget target) =>
        ["-vvv", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "ConnectTimeout=" + ConnectTimeout(target), .. target.SshArguments, "true"];

    /// <summary>
    /// Without --login: the sandbox's options first (ssh keeps the first value, so they win over the user's -o), its
    /// configuration file with -F, -N for no session, then the user's arguments without their -F (the sandbox's file
    /// includes it) ending in <c>-- HOST</c>.
    /// </summary>
    public static IReadOnlyList<string> SandboxedArguments(ProbeTarget target, UserSshSandbox sandbox, IReadOnlyList<string> userArguments)
    {
        var arguments = new List<string> { "-vvv", "-F", sandbox.ConfigFile, "-N" };
        foreach (var (keyword, value) in sandbox.SafetyOptions())
        {
            arguments.AddRange(["-o", keyword + "=" + value]);
        }

        arguments.AddRange(["-o", "ConnectTimeout=" + ConnectTimeout(target)]);
        arguments.AddRange(userArguments);
        return arguments;
    }

    /// <summary>The user's -F file (first in <see cref="DiagnoseRequest.SshArguments"/>) and the arguments without it.</summary>
    private static (string? ConfigFile, IReadOnlyList<string> Others) SplitConfigFile(IReadOnlyList<string> arguments) =>
        arguments.Count >= 2 && arguments[0] == "-F" ? (arguments[1], arguments.Skip(2).ToList()) : (null, arguments);

    private static string ConnectTimeout(ProbeTarget target) => Math.Ceiling(target.ConnectTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static List<Diagnosis.Diagnosis> Explain(string stderr, bool login)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(stderr));
        var input = BoundedLineReader.Read("ssh -vvv", stream, InputLimits.Default);
        var diagnoses = Explainer.Explain([input]).Diagnoses;
        return login
            ? diagnoses.ToList()
            : diagnoses.Where(d => d.Stage is not (Stage.Auth or Stage.Session) && !SandboxArtefacts.Contains(d.Id)).ToList();
    }
}
