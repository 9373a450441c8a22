using SshDoctor.Fixes;
using SshDoctor.Localization;
using SshDoctor.Probing;
using SshDoctor.Probing.Connect;
using SshDoctor.Probing.Resolve;
using SshDoctor.Probing.UserSsh;

namespace SshDoctor.Reporting;

/// <summary>
/// One diagnose of a destination, as <c>diagnose</c> and <c>fix DESTINATION</c> run it: the destination resolved as ssh
/// resolves it (the first connection already under way while <c>ssh -G</c> runs), the probe, and for <c>--with-ssh</c>
/// the user's own ssh in its sandbox; then the report. The commands only render it.
/// </summary>
public sealed class DiagnoseRun
{
    private DiagnoseRun(ProbeTarget target, DiagnoseResult result, IReadOnlyList<Diagnosis.Diagnosis> fromSsh)
    {
        Target = target;
        Result = result;
        FromSsh = fromSsh;
    }

    public ProbeTarget Target { get; }

    public DiagnoseResult Result { get; }

    /// <summary>What the user's own ssh showed (<c>--with-ssh</c>), as the rules judged its output; empty without it.</summary>
    public IReadOnlyList<Diagnosis.Diagnosis> FromSsh { get; }

    /// <summary>The diagnoses a fix plans from and re-checks with: every hop's and the user's ssh's, merged as the report shows them.</summary>
    public IReadOnlyList<Diagnosis.Diagnosis> Diagnoses => FixSources.FromProbe(Result, FromSsh);

    public Report Report(Language language) => DiagnoseReportBuilder.Build(Result, language, FromSsh);

    /// <param name="request">The destination and options as given.</param>
    /// <param name="resolved">
    /// Called once the destination is resolved, before the first stage: the caller's moment to say what it diagnoses;
    /// it returns the observer of the stages (null: none).
    /// </param>
    /// <param name="cancellationToken">Stops the probe and the user's ssh.</param>
    public static async Task<DiagnoseRun> RunAsync(DiagnoseRequest request, Func<ProbeTarget, IProbeObserver?>? resolved, CancellationToken cancellationToken)
    {
        var environment = ProbeEnvironment.FromProcess();
        using var early = EarlyConnection.Start(TargetResolver.Guess(request, environment), cancellationToken);
        var target = await TargetResolver.ResolveAsync(request, environment, cancellationToken);
        var observer = resolved?.Invoke(target);
        var result = await new Prober(target, ProbeSettings.For(request), observer, early).RunAsync(cancellationToken);
        var fromSsh = request.WithSsh && environment.Ssh is { } ssh
            ? (await UserSshRun.RunAsync(ssh, target, environment.Home, request.Login, cancellationToken)).Diagnoses
            : [];
        return new DiagnoseRun(target, result, fromSsh);
    }
}
