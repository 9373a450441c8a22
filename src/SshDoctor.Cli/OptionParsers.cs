using System.CommandLine.Parsing;
using System.Globalization;
using SshDoctor.Localization;

namespace SshDoctor.Cli;

/// <summary>
/// Option values read with messages a person understands (System.CommandLine's own name .NET types such as
/// <c>System.Nullable`1[System.Double]</c>); each error ends the run with exit 2 before anything is done.
/// </summary>
internal static class OptionParsers
{
    /// <summary>A TCP port, 1 to 65535, as <c>ssh -p</c> takes it.</summary>
    public static int? Port(ArgumentResult result)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        result.AddError($"{Name(result)} '{text}': a port is a whole number from 1 to 65535");
        return null;
    }

    /// <summary>A number of seconds greater than 0 and at most <paramref name="max"/> (fractions allowed: 0.5).</summary>
    public static Func<ArgumentResult, double?> Seconds(double max) => result =>
    {
        var text = Token(result);
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= max)
        {
            return seconds;
        }

        result.AddError($"{Name(result)} '{text}': give a number of seconds greater than 0 and at most {max.ToString(CultureInfo.InvariantCulture)} (such as 5 or 0.5)");
        return null;
    };

    /// <summary>A whole number from 1 to <paramref name="max"/> (a count of hosts, connections).</summary>
    public static Func<ArgumentResult, int?> Count(int max) => result =>
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && count <= max)
        {
            return count;
        }

        result.AddError($"{Name(result)} '{text}': give a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    };

    /// <summary>A language the reports are written in.</summary>
    public static string? Language(ArgumentResult result)
    {
        var text = Token(result);
        if (LanguageSelection.Parse(text) is not null)
        {
            return text;
        }

        result.AddError($"{Name(result)} '{text}': the reports are written in en (English) or ja (Japanese)");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "value";
}
