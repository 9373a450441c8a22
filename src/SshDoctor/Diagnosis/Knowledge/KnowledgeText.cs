namespace SshDoctor.Diagnosis.Knowledge;

/// <summary>
/// A fix as the catalogue states it. <see cref="Summary"/> and <see cref="Command"/> may hold placeholders
/// such as <c>{host}</c>, <c>{port}</c>, <c>{user}</c>, <c>{key}</c>, <c>{file}</c>, <c>{line}</c>, <c>{algorithm}</c>;
/// <c>Template.Fill</c> replaces them with what the evidence showed, or an upper-case name (HOST) when unknown.
/// </summary>
/// <param name="Automatic">true when <c>ssh-doctor fix</c> may apply it itself (with preview, backup and undo).</param>
public sealed record FixText(string Summary, string? Command = null, bool Automatic = false);

/// <summary>What the catalogue says about one diagnosis id in one language.</summary>
/// <param name="OnWindows">
/// The fixes when the file in question is a Windows path (Win32-OpenSSH): there the access list is the mode, so
/// chmod, chown and namei would be wrong advice. Null when the id has no Windows form.
/// </param>
public sealed record KnowledgeText(string Title, string Explanation, IReadOnlyList<FixText> Fixes, IReadOnlyList<FixText>? OnWindows = null);
