using System.CommandLine;
using SshDoctor.Localization;

namespace SshDoctor.Cli;

/// <summary>Options every command understands.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json { get; } = new("--json") { Description = "Write the report as JSON (schema ssh-doctor/1) instead of text." };

    public static Option<string?> Lang { get; } = new("--lang")
    {
        Description = "Language of the report: en or ja (default: from LC_ALL / LC_MESSAGES / LANG).",
        HelpName = "en|ja",
        Recursive = true,
        CustomParser = OptionParsers.Language,
        CompletionSources = { "en", "ja" },
    };

    public static Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "Plain text without colours (also when NO_COLOR is set or output is not a terminal).",
        Recursive = true,
    };

    public static Language LanguageOf(ParseResult parse) =>
        LanguageSelection.Choose(parse.GetValue(Lang), Environment.GetEnvironmentVariable);

    public static bool UseColor(ParseResult parse) =>
        !parse.GetValue(NoColor)
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
