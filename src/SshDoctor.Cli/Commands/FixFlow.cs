using SshDoctor.Cli.Rendering;
using SshDoctor.Diagnosis;
using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Fixes;
using SshDoctor.Fixes.Applying;
using SshDoctor.Fixes.Planning;
using SshDoctor.Localization;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// What <c>fix</c> and every <c>--fix</c> do once the diagnoses are known: plan (Fixes/), print the plan, ask once
/// (typed yes when a host key is to be trusted), apply, re-run the check that found each problem and report fixed /
/// still failing. Exit 0 only when every planned fix is confirmed; 1 when something is left (or nothing was applied);
/// 2 when a file cannot be changed safely (nothing changed).
/// </summary>
internal static class FixFlow
{
    public static async Task<int> RunAsync(
        string command,
        IReadOnlyList<Diagnosis.Diagnosis> diagnoses,
        FixContext context,
        Func<CancellationToken, Task<IReadOnlyList<Diagnosis.Diagnosis>>> recheck,
        FixSettings settings,
        string? onlyId,
        bool json,
        bool color,
        Language language,
        CancellationToken cancellationToken)
    {
        var output = Terminal.StandardOutput(color);
        var renderer = new FixRenderer(output, language);
        FixPlan plan;
        try
        {
            plan = FixPlanner.Plan(diagnoses, context, onlyId);
        }
        catch (FixInputException e)
        {
            return Finish(Report(command, "bad-input", new FixPlan([], []), language, error: e.Message), ExitCodes.UsageOrInput);
        }

        if (plan.HasBadInput)
        {
            return Finish(Report(command, "bad-input", plan, language), ExitCodes.UsageOrInput);
        }

        var problems = diagnoses.Any(d => !DiagnosisIds.IsHint(d.Id) && d.Id != DiagnosisIds.Ok && (onlyId is null || d.Id == onlyId));
        if (plan.IsEmpty)
        {
            return Finish(Report(command, "nothing-to-fix", plan, language), problems ? ExitCodes.ProblemFound : ExitCodes.Ok);
        }

        if (settings.DryRun)
        {
            if (!json)
            {
                renderer.RenderPlan(Report(command, "planned", plan, language));
                output.WriteLine(output.Dim(settings.PlanOnly ? renderer.Text.PlanOnly : renderer.Text.DryRun));
            }
            else
            {
                output.WriteData(FixReportJson.Serialize(Report(command, "planned", plan, language)));
            }

            return ExitCodes.ProblemFound;
        }

        // A host key is trusted only with --expect-fingerprint or a typed yes, never by --yes alone.
        var gated = new List<FixRefusal>();
        var ask = false;
        var kept = new List<PlannedFix>();
        foreach (var fix in plan.Fixes)
        {
            if (fix.Confirmation is not { } confirmation)
            {
                kept.Add(fix);
                continue;
            }

            var (decision, why) = HostKeyGate.Decide(confirmation, context.ExpectFingerprint, Terminal.CanAsk);
            if (decision == HostKeyGate.Decision.Refused)
            {
                gated.Add(new FixRefusal(fix.Diagnosis, why!));
                continue;
            }

            ask |= decision == HostKeyGate.Decision.Ask;
            kept.Add(fix);
        }

        var shown = plan with { Fixes = kept, Refused = [.. plan.Refused, .. gated] };
        if (!json)
        {
            renderer.RenderPlan(Report(command, "planned", shown, language));
        }

        if (kept.Count == 0)
        {
            return Finish(Report(command, "not-confirmed", shown, language), ExitCodes.ProblemFound, printPlan: false);
        }

        if (ask || !settings.Yes)
        {
            if (!Terminal.CanAsk)
            {
                Terminal.StandardError.WriteLine(renderer.Text.NoTerminal);
                return Finish(Report(command, "not-confirmed", shown, language), ExitCodes.ProblemFound, printPlan: false);
            }

            var answer = Terminal.Ask(ask ? renderer.Text.AskHostKey : renderer.Text.AskPlan);
            var accepted = ask ? HostKeyGate.IsYes(answer) : answer?.Trim().ToLowerInvariant() is "y" or "yes";
            if (!accepted)
            {
                Terminal.StandardError.WriteLine(renderer.Text.NotConfirmed);
                return Finish(Report(command, "not-confirmed", shown, language), ExitCodes.ProblemFound, printPlan: false);
            }
        }

        var toApply = shown with { Refused = [] };
        var applied = FixApplier.Apply(toApply, context, CommandLine());
        if (applied.Error is not null)
        {
            return Finish(Report(command, "failed", shown, language, applied, undoOptions: context.UndoOptions), ExitCodes.UsageOrInput, printPlan: false);
        }

        var after = await recheck(cancellationToken);
        var outcomes = applied.Fixes.Select(a => FixVerification.Outcome(a, after)).ToList();
        var allFixed = outcomes.Count > 0 && outcomes.All(o => o.Kind == FixOutcomeKind.Fixed);
        return Finish(Report(command, "applied", shown, language, applied, outcomes, undoOptions: context.UndoOptions), allFixed && gated.Count == 0 ? ExitCodes.Ok : ExitCodes.ProblemFound, printPlan: false);

        int Finish(FixRunReport report, int exitCode, bool printPlan = true)
        {
            if (json)
            {
                output.WriteData(FixReportJson.Serialize(report));
                return exitCode;
            }

            if (printPlan)
            {
                renderer.RenderPlan(report);
            }

            renderer.RenderOutcome(report);
            return exitCode;
        }
    }

    private static FixRunReport Report(string command, string status, FixPlan plan, Language language, FixApplyResult? applied = null, IReadOnlyList<FixOutcome>? outcomes = null, string? error = null, IReadOnlyList<string>? undoOptions = null) =>
        FixReportBuilder.Build(command, status, plan, language, applied, outcomes, error: error, undoOptions: undoOptions);

    /// <summary>The command line as typed, for the record (each word quoted as a shell would need it).</summary>
    private static string CommandLine() =>
        string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Prepend("ssh-doctor").Select(ShellQuote.Word));
}
