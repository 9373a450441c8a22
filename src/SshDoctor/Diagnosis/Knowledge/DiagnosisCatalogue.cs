using SshDoctor.Localization;

namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>The catalogue: for every diagnosis id, its text in each language.</summary>
public static class DiagnosisCatalogue
{
    public static KnowledgeText Get(string id, Language language)
    {
        var entries = Entries(language);
        if (entries.TryGetValue(id, out var text))
        {
            return text;
        }

        // Fall back to English rather than failing a report; the conventions test keeps both complete.
        return English.Entries.TryGetValue(id, out var english)
            ? english
            : throw new ArgumentException($"unknown diagnosis id '{id}'", nameof(id));
    }

    /// <summary>
    /// The title for many lines at once (the <c>logs</c> summary), where no one user or host applies: its placeholders
    /// print as their names in capitals (USER, HOST), as <see cref="Template.Fill"/> prints any unknown value.
    /// </summary>
    public static string GeneralTitle(string id, Language language) =>
        Template.Fill(Get(id, language).Title, System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty);

    public static bool Has(string id, Language language) => Entries(language).ContainsKey(id);

    internal static IReadOnlyDictionary<string, KnowledgeText> Entries(Language language) =>
        language == Language.Japanese ? Japanese.Entries : English.Entries;
}
