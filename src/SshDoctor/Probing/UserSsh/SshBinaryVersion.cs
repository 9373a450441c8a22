using System.Text;
using System.Text.RegularExpressions;

namespace SshDoctor.Probing.UserSsh;

/// <summary>
/// The release an ssh binary carries in its own bytes: the identification string it sends in every banner
/// (version.h SSH_RELEASE, plus a distribution's extra version), NUL-terminated. Reading it costs a file read instead
/// of starting <c>ssh -V</c>, which on a small machine competes for the CPU with the server being probed. Null when no
/// such string is found; the caller then runs <c>ssh -V</c>.
/// </summary>
public static partial class SshBinaryVersion
{
    private const int MaxBinaryBytes = 16 * 1024 * 1024;
    private const int MaxReleaseBytes = 96;

    public static ClientVersion? TryRead(string path)
    {
        var read = Files.BoundedFile.Read(path, MaxBinaryBytes);
        if (!read.Ok || read.Cut)
        {
            return null;
        }

        var bytes = read.Bytes;
        string? best = null;
        var span = bytes.AsSpan();
        for (var at = span.IndexOf("OpenSSH_"u8); at >= 0;)
        {
            var rest = span[at..];
            var end = rest[..Math.Min(rest.Length, MaxReleaseBytes)].IndexOf((byte)0);
            if (end > 0)
            {
                var candidate = Encoding.ASCII.GetString(rest[..end]);
                // Compatibility patterns ("OpenSSH_7.4*,OpenSSH_7.5*") and format strings sit next to the release.
                if (ReleasePattern().IsMatch(candidate) && (best is null || candidate.Length > best.Length))
                {
                    best = candidate;
                }
            }

            var next = span[(at + 8)..].IndexOf("OpenSSH_"u8);
            at = next < 0 ? -1 : at + 8 + next;
        }

        return best is null ? null : ClientVersion.TryParse(best);
    }

    [GeneratedRegex(@"^OpenSSH_\d+\.\d+(?:p\d+)?(?: [A-Za-z0-9.+~_-]+)?$")]
    private static partial Regex ReleasePattern();
}
