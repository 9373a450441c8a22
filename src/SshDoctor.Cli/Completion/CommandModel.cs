using System.CommandLine;

namespace SshDoctor.Cli.Completion;

/// <summary>An option as the completion scripts and the man page see it.</summary>
/// <param name="Names">Every spelling a shell should offer, the main one first (help's "-?" and "/h" are left out).</param>
/// <param name="Key">The option's name within its command, for the translated help texts ("diagnose -J").</param>
internal sealed record OptionModel(string Key, IReadOnlyList<string> Names, string Description, bool TakesValue, bool Repeatable, string ValueName, ValueKind Kind, IReadOnlyList<string> Values);

/// <summary>A positional argument.</summary>
internal sealed record ArgumentModel(string Key, string Name, string Description, bool Many, bool Optional, ValueKind Kind, IReadOnlyList<string> Values);

/// <summary>A command: its own options, its arguments; the root also holds the options every command takes.</summary>
internal sealed record CommandModel(string Name, string Description, IReadOnlyList<OptionModel> Options, IReadOnlyList<ArgumentModel> Arguments, IReadOnlyList<CommandModel> Subcommands)
{
    /// <summary>The visible parts of the tree: hidden commands (the completion helper, the man page writer) are left out.</summary>
    public static CommandModel Of(RootCommand root) => From(root, "");

    /// <summary>The root's options that apply to every command (<c>--lang</c>, <c>--no-color</c>, <c>--help</c>).</summary>
    public IEnumerable<OptionModel> Global => Options.Where(o => o.Key is "--lang" or "--no-color" or "--help");

    private static CommandModel From(Command command, string path)
    {
        var prefix = path.Length == 0 ? "" : path + " ";
        var options = command.Options.Where(o => !o.Hidden).Select(o => Option(o, prefix)).ToList();
        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => new ArgumentModel(
            prefix + "<" + a.Name + ">", a.Name, a.Description ?? "", a.Arity.MaximumNumberOfValues > 1, a.Arity.MinimumNumberOfValues == 0, ValueCompletion.Of(a), ValueCompletion.FixedValues(a))).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => From(c, prefix + c.Name)).ToList();
        return new CommandModel(command.Name, command.Description ?? "", options, arguments, subcommands);
    }

    private static OptionModel Option(Option option, string prefix)
    {
        var names = new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal))
            .Where(n => n.Length > 1 && n[0] == '-' && char.IsAsciiLetterOrDigit(n[^1]))
            .OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 0 : 1)
            .ToList();
        var takesValue = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
        var valueName = option.HelpName ?? ValueName(option);
        var key = option.Recursive || option is System.CommandLine.Help.HelpOption or VersionOption ? option.Name : prefix + option.Name;
        return new OptionModel(key, names, option.Description ?? "", takesValue, option.Arity.MaximumNumberOfValues > 1,
            valueName, takesValue ? ValueCompletion.Of(option) : ValueKind.Text, takesValue ? ValueCompletion.FixedValues(option) : []);
    }

    private static string ValueName(Option option) => ValueCompletion.Of(option) switch
    {
        ValueKind.File => "FILE",
        ValueKind.Directory => "DIR",
        ValueKind.Destination => "DESTINATION",
        ValueKind.DiagnosisId => "ID",
        _ => option.Name.TrimStart('-').ToUpperInvariant(),
    };
}
