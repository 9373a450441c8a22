using SshDoctor.Ssh.KnownHosts;

namespace SshDoctor.Audit.Local;

/// <summary>
/// OpenSSH's match.c wildcard match (<c>*</c> any run, <c>?</c> one character) for the audit's config files, by the
/// same matcher known_hosts uses; case-insensitive unless told otherwise (sshd's user names and file names are not).
/// </summary>
public static class HostPattern
{
    public static bool Matches(string pattern, string text, bool ignoreCase = true) =>
        ignoreCase
            ? HostPatternMatcher.MatchPattern(text.ToLowerInvariant(), pattern.ToLowerInvariant())
            : HostPatternMatcher.MatchPattern(text, pattern);
}
