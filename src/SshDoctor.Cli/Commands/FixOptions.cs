using System.CommandLine;

namespace SshDoctor.Cli.Commands;

/// <summary>
/// The options that turn a report into a fix: <c>--fix</c> on diagnose, check-local, check-server and explain (plan
/// only there), and the ones <c>fix</c> itself takes.
/// </summary>
internal sealed class FixOptions
{
    public Option<bool> Fix { get; } = new("--fix") { Description = "Plan the automatic fixes for what was found, show the plan and apply it once confirmed (see ssh-doctor fix)." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the plan and change nothing." };

    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Apply the plan without asking (a host key is still only trusted with --expect-fingerprint or a typed yes)." };

    public Option<string?> ExpectFingerprint { get; } = new("--expect-fingerprint") { Description = "SHA256:… you confirmed on the server's console: the host key fix is applied when the probe verified exactly this key." };

    /// <summary>The options besides --fix (which <c>fix</c> does not need).</summary>
    public IEnumerable<Option> Modifiers => [DryRun, Yes, ExpectFingerprint];

    public FixSettings Settings(ParseResult parse, bool planOnly = false) =>
        new(parse.GetValue(DryRun) || planOnly, parse.GetValue(Yes), parse.GetValue(ExpectFingerprint), planOnly);

    /// <summary>--dry-run, --yes or --expect-fingerprint without --fix: a usage error rather than silently ignored.</summary>
    public void RequireFixFor(ParseResult parse)
    {
        if (!parse.GetValue(Fix) && (parse.GetValue(DryRun) || parse.GetValue(Yes) || parse.GetValue(ExpectFingerprint) is not null))
        {
            throw new UsageException("--dry-run, --yes and --expect-fingerprint go with --fix");
        }
    }
}

/// <summary>How a plan is handled: printed only (<see cref="DryRun"/>, <see cref="PlanOnly"/> for explain), applied without asking (<see cref="Yes"/>).</summary>
internal sealed record FixSettings(bool DryRun, bool Yes, string? ExpectFingerprint, bool PlanOnly);
