namespace SshDoctor.Diagnosis.Observations;

/// <summary>What happened to one of the client's keys, as the client log tells it.</summary>
public enum KeyResult
{
    /// <summary>Listed by "Will attempt key" but never offered (auth ended or another method won first).</summary>
    NotOffered,

    /// <summary>Offered; the server answered with the method list again.</summary>
    Rejected,

    /// <summary>The server answered PK_OK ("Server accepts key").</summary>
    Accepted,

    /// <summary>Skipped by the client (algorithm not accepted).</summary>
    Skipped,

    /// <summary>The client could not load it (bad permissions, invalid format...).</summary>
    NotLoaded,

    /// <summary>Accepted by the server but the client could not sign with it.</summary>
    SigningFailed,
}

/// <summary>One key the client considered.</summary>
public sealed class KeyAttempt(string identity)
{
    /// <summary>The identity as <c>ssh</c> formats it: file path or agent comment.</summary>
    public string Identity { get; } = identity;

    public string? Type { get; set; }

    public string? Fingerprint { get; set; }

    public bool FromAgent { get; set; }

    /// <summary>ssh marks a key the user named (-i, IdentityFile) "explicit" (sshconnect2.c:format_identity).</summary>
    public bool Explicit { get; set; }

    public KeyResult Result { get; set; } = KeyResult.NotOffered;

    public string? Detail { get; set; }

    public string? Where { get; set; }

    /// <summary>Parses <c>FILE_OR_COMMENT TYPE SHA256:FP[ explicit][ agent]</c> (sshconnect2.c:format_identity) and older shapes.</summary>
    public static KeyAttempt Parse(string text)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fpIndex = Array.FindIndex(tokens, t => t.StartsWith("SHA256:", StringComparison.Ordinal) || t.StartsWith("MD5:", StringComparison.Ordinal) || IsHexFingerprint(t));
        if (fpIndex < 0)
        {
            var path = text.Trim();
            return new KeyAttempt(path.Length == 0 ? text : path);
        }

        string identity;
        string? type = null;
        if (fpIndex >= 1 && fpIndex >= tokens.Length - 3 && IsTypeName(tokens[fpIndex - 1]))
        {
            // 8.x+: identity first, then TYPE FP.
            type = tokens[fpIndex - 1];
            identity = string.Join(' ', tokens[..(fpIndex - 1)]);
        }
        else if (fpIndex == 1 && IsTypeName(tokens[0]))
        {
            // 7.8 shape: TYPE FP FILE
            type = tokens[0];
            identity = string.Join(' ', tokens[2..]);
        }
        else
        {
            identity = string.Join(' ', tokens[..fpIndex]);
        }

        var attempt = new KeyAttempt(identity.Length == 0 ? text : identity)
        {
            Type = type,
            Fingerprint = tokens[fpIndex],
            FromAgent = tokens.Skip(fpIndex + 1).Contains("agent"),
            Explicit = tokens.Skip(fpIndex + 1).Contains("explicit"),
        };
        return attempt;
    }

    public bool SameKey(KeyAttempt other) =>
        Fingerprint is not null && other.Fingerprint is not null
            ? Fingerprint == other.Fingerprint
            : Identity == other.Identity;

    private static bool IsTypeName(string token) =>
        token.Length is > 1 and < 40 && token.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-' || c == '_')
        || token.StartsWith("ssh-", StringComparison.Ordinal) || token.StartsWith("ecdsa-", StringComparison.Ordinal) || token.StartsWith("rsa-", StringComparison.Ordinal);

    private static bool IsHexFingerprint(string token) => token.Length == 47 && token.Count(c => c == ':') == 15;
}
