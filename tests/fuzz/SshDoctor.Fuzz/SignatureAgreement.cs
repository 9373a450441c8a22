using System.Globalization;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Fuzz;

/// <summary>
/// The bulk reader's two paths must say exactly what the signature table (its regexes) says about a message: the span
/// reading of the generated readers (same signature, address, user, port and diagnosis) and the fast matcher
/// (same signature and every group; <see cref="FastSignatureMatcher.MayMatch(System.ReadOnlySpan{char})"/> never false for a message the table knows).
/// Shared by the <c>logs-differential</c> harness and the unit tests of both shortcuts.
/// </summary>
public static class SignatureAgreement
{
    /// <summary>
    /// Null when the bulk path's span reading (<see cref="FastSignatureMatcher.Read"/>) agrees with the table;
    /// <paramref name="claimedBy"/> names the signature it read.
    /// </summary>
    public static string? SpanReading(string message, out string? claimedBy)
    {
        claimedBy = null;
        Span<ulong> found = stackalloc ulong[FastSignatureMatcher.Server.AnchorWords];
        var reading = FastSignatureMatcher.Server.Read(message, found, out var read);
        var table = SignatureTable.Match(message, LogSide.Server);
        if (reading == Logs.Bulk.SpanReading.NeedsText)
        {
            return SignatureReader.Fits(message) ? $"a message the readers answer for was sent to the regex: {message}" : null;
        }

        if (reading == Logs.Bulk.SpanReading.None)
        {
            return table is null ? null : $"span reading found nothing, the table {table.Signature.Name}: {message}";
        }

        claimedBy = read.Signature.Name;
        if (table is null)
        {
            return $"span reading {read.Signature.Name} but the table matches nothing: {message}";
        }

        if (!ReferenceEquals(table.Signature, read.Signature))
        {
            return $"{read.Signature.Name} vs table {table.Signature.Name}: {message}";
        }

        if (table[AnyEvent.Ip] != (read.HasIp ? message[read.Ip] : null))
        {
            return $"ip {(read.HasIp ? message[read.Ip] : null)} vs table {table[AnyEvent.Ip]}: {message}";
        }

        if (table[AnyEvent.User] != (read.HasUser ? message[read.User] : null))
        {
            return $"user {(read.HasUser ? message[read.User] : null)} vs table {table[AnyEvent.User]}: {message}";
        }

        int? port = int.TryParse(table[AnyEvent.Port], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        if (port != (read.Port >= 0 ? read.Port : null))
        {
            return $"port {read.Port} vs table {table[AnyEvent.Port]}: {message}";
        }

        return FailureId.Of(table) == read.DiagnosisId ? null : $"diagnosis {read.DiagnosisId} vs table {FailureId.Of(table)}: {message}";
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

        foreach (var group in table?.Signature.GroupNames ?? [])
        {
            if (group is not null && table?.Group(group) != fast?.Group(group))
            {
                return $"{group} {fast?.Group(group)} vs table {table?.Group(group)}: {message}";
            }
        }

        return table is not null && !FastSignatureMatcher.Server.MayMatch(message) ? $"MayMatch false for a message the table knows: {message}" : null;
    }
}
