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

    public static bool Has(string id, Language language) => Entries(language).ContainsKey(id);

    internal static IReadOnlyDictionary<string, KnowledgeText> Entries(Language language) =>
        language == Language.Japanese ? Japanese.Entries : English.Entries;
}
