using System.CommandLine;
using System.Runtime.CompilerServices;

namespace SshDoctor.Cli.Completion;

/// <summary>
/// The kind of value an option or argument takes, set where the symbol is defined and read by the completion
/// script generators; the program's own completion sources get the same values (so System.CommandLine's
/// <c>[suggest]</c> directive agrees with the scripts).
/// </summary>
internal static class ValueCompletion
{
    private static readonly ConditionalWeakTable<Symbol, object> Kinds = [];

    public static T Files<T>(T symbol)
        where T : Symbol => Mark(symbol, ValueKind.File);

    public static T Directories<T>(T symbol)
        where T : Symbol => Mark(symbol, ValueKind.Directory);

    public static T Destinations<T>(T symbol)
        where T : Symbol
    {
        AddSource(symbol, word => CompletionValues.Destinations(word, CompletionValues.UserHome()));
        return Mark(symbol, ValueKind.Destination);
    }

    public static T DiagnosisIdsOrFiles<T>(T symbol)
        where T : Symbol
    {
        AddSource(symbol, CompletionValues.DiagnosisIds);
        return Mark(symbol, ValueKind.DiagnosisIdOrFile);
    }

    public static T DiagnosisIdsOrDestinations<T>(T symbol)
        where T : Symbol
    {
        AddSource(symbol, CompletionValues.DiagnosisIds);
        AddSource(symbol, word => CompletionValues.Destinations(word, CompletionValues.UserHome()));
        return Mark(symbol, ValueKind.DiagnosisIdOrDestination);
    }

    public static T DiagnosisIds<T>(T symbol)
        where T : Symbol
    {
        AddSource(symbol, CompletionValues.DiagnosisIds);
        return Mark(symbol, ValueKind.DiagnosisId);
    }

    /// <summary>The kind set at the definition; otherwise a fixed list when the symbol has completions of its own.</summary>
    public static ValueKind Of(Symbol symbol) =>
        Kinds.TryGetValue(symbol, out var kind) ? (ValueKind)kind
        : FixedValues(symbol).Count > 0 ? ValueKind.Fixed
        : ValueKind.Text;

    public static IReadOnlyList<string> FixedValues(Symbol symbol) =>
        symbol is Option { ValueType: var type } && type == typeof(bool)
            ? []
            : [.. symbol.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label)];

    private static T Mark<T>(T symbol, ValueKind kind)
        where T : Symbol
    {
        Kinds.AddOrUpdate(symbol, kind);
        return symbol;
    }

    private static void AddSource(Symbol symbol, Func<string, IEnumerable<string>> values)
    {
        var sources = symbol switch
        {
            Option option => option.CompletionSources,
            Argument argument => argument.CompletionSources,
            _ => throw new ArgumentException("only options and arguments take values", nameof(symbol)),
        };
        sources.Add(context => values(context.WordToComplete).Select(v => new System.CommandLine.Completions.CompletionItem(v)));
    }
}
