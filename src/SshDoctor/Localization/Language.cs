namespace SshDoctor.Localization;

/// <summary>The languages the doctor speaks.</summary>
public enum Language
{
    English,
    Japanese,
}

public static class LanguageSelection
{
    /// <summary>
    /// <c>--lang</c> wins; otherwise the POSIX locale variables in their precedence order (LC_ALL, LC_MESSAGES, LANG):
    /// a value starting with <c>ja</c> selects Japanese.
    /// </summary>
    public static Language Choose(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Parse(option) ?? throw new ArgumentException($"unknown language '{option}' (use en or ja)", nameof(option));
        }

        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "LANG"])
        {
            var value = environment(name);
            if (!string.IsNullOrEmpty(value))
            {
                return value.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? Language.Japanese : Language.English;
            }
        }

        return Language.English;
    }

    public static Language? Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "en" or "english" => Language.English,
        "ja" or "jp" or "japanese" or "日本語" => Language.Japanese,
        _ when value.StartsWith("ja", StringComparison.OrdinalIgnoreCase) => Language.Japanese,
        _ when value.StartsWith("en", StringComparison.OrdinalIgnoreCase) => Language.English,
        _ => null,
    };
}
