using System.Globalization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Fuzz;

/// <summary>
/// The bulk reader's two shortcuts must say exactly what the signature table says about a message: the hand-written
/// readers of the common messages (same signature, address, user, port and diagnosis, or nothing) and the fast matcher
/// (same signature and groups; <see cref="FastSignatureMatcher.MayMatch(System.ReadOnlySpan{char})"/> never false for a message the table knows).
/// Shared by the <c>logs-differential</c> harness and the unit tests of both shortcuts.
/// </summary>
public static class SignatureAgreement
{
    private static readonly string[] Groups = ["ip", "user", "port"];

    /// <summary>Null when the common readers agree with the table; <paramref name="claimedBy"/> names the signature they read.</summary>
    public static string? CommonReaders(string message, out string? claimedBy)
    {
        claimedBy = null;
        if (!CommonMessages.TryRead(message, out var common))
        {
            return null;
        }

        claimedBy = common.Signature.Name;
        var table = SignatureTable.Match(message, LogSide.Server);
        if (table is null)
        {
            return $"claimed by {common.Signature.Name} but the table matches nothing: {message}";
        }

        if (!ReferenceEquals(table.Signature, common.Signature))
        {
            return $"{common.Signature.Name} vs table {table.Signature.Name}: {message}";
        }

        if (table["ip"] != (common.HasIp ? message[common.Ip] : null))
        {
            return $"ip {(common.HasIp ? message[common.Ip] : null)} vs table {table["ip"]}: {message}";
        }

        if (table["user"] != (common.HasUser ? message[common.User] : null))
        {
            return $"user {(common.HasUser ? message[common.User] : null)} vs table {table["user"]}: {message}";
        }

        int? port = int.TryParse(table["port"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (port != (common.Port >= 0 ? common.Port : null))
        {
            return $"port {common.Port} vs table {table["port"]}: {message}";
        }

        return FailureId.Of(table) == common.DiagnosisId ? null : $"diagnosis {common.DiagnosisId} vs table {FailureId.Of(table)}: {message}";
    }

    /// <summary>Null when the fast matcher agrees with the table.</summary>
    public static string? FastMatcher(string message)
    {
        var table = SignatureTable.Match(message, LogSide.Server);
        var fast = FastSignatureMatcher.Server.Match(message);
        if (table?.Signature.Name != fast?.Signature.Name)
        {
            return $"fast matcher {fast?.Signature.Name ?? "nothing"} vs table {table?.Signature.Name ?? "nothing"}: {message}";
        }

        foreach (var group in Groups)
        {
            if (table?[group] != fast?[group])
            {
                return $"{group} {fast?[group]} vs table {table?[group]}: {message}";
            }
        }

        return table is not null && !FastSignatureMatcher.Server.MayMatch(message) ? $"MayMatch false for a message the table knows: {message}" : null;
    }
}
