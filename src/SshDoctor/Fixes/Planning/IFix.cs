using System.Collections.ObjectModel;

namespace SshDoctor.Fixes.Planning;

/// <summary>
/// The automatic fix of one diagnosis id (the catalogue entry marked <c>Automatic</c>). Planning reads the files and
/// builds the steps; it changes nothing. <see cref="Sketch"/> gives the printed command of a report from the diagnosis'
/// values alone, built with the same step builders as the plan.
/// </summary>
public interface IFix
{
    string Id { get; }

    /// <summary>The planned changes, or why the fix is not planned.</summary>
    FixProposal Plan(Diagnosis.Diagnosis diagnosis, FixContext context);

    /// <summary>The command printed for the fix in a report, or null when the fix is an edit the summary describes.</summary>
    string? Sketch(IReadOnlyDictionary<string, string> values);

    /// <summary>
    /// True for a failure no check can provoke on demand (a session the network drops an hour later): <c>fix ID
    /// DESTINATION</c> then plans it for that destination on the user's word, where otherwise a fix needs a finding.
    /// </summary>
    bool PlannedWhenNamed => false;
}

/// <summary>Shorthands for fixes.</summary>
internal static class FixValues
{
    public static ReadOnlyDictionary<string, string> Empty { get; } = ReadOnlyDictionary<string, string>.Empty;

    public static string? Get(this Diagnosis.Diagnosis diagnosis, string name) => diagnosis.Values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A value a printed command may hold (<see cref="Diagnosis.Knowledge.CommandValues"/>), checked as the placeholder <paramref name="kind"/>; null otherwise.</summary>
    public static string? Printable(this IReadOnlyDictionary<string, string> values, string name, string? kind = null) =>
        values.TryGetValue(name, out var value) && Diagnosis.Knowledge.CommandValues.IsPlausible(kind ?? name, value) ? value : null;
}
