namespace SshDoctor.Audit.Server;

/// <summary>
/// auth.c:allowed_user() for each --user in sshd's order: DenyUsers, AllowUsers, DenyGroups, AllowGroups (patterns
/// USER or USER@HOST, HOST matched against --client-ip); then PermitRootLogin for root.
/// </summary>
public sealed class AccessRulesCheck : IAuditCheck<ServerContext>
{
    public string Name => "access-rules";

    public string Area => "users";

    public void Run(ServerContext context, AuditSink sink)
    {
        foreach (var user in context.ExistingUsers)
        {
            var name = user.Name;
            var config = context.For(name);
            var groups = context.Users.GroupsOf(user);
            var denial = Decide(config, name, groups, context.ClientIp);
            if (denial is { } d)
            {
                sink.Problem(confirmed: !(context.ClientIp is null && d.NeedsAddress), "access.denied", d.Where,
                    $"User {name} from {context.ClientIp ?? "(any address)"} not allowed because {d.Reason}", ("user", name), ("reason", d.Reason), ("directive", d.Keyword));
            }
            else
            {
                sink.Add(FindingSeverity.Ok, "access.allowed", null, ("user", name));
            }

            if (user.Uid == 0)
            {
                var permit = config.Get("permitrootlogin").ToLowerInvariant();
                if (permit == "no")
                {
                    sink.Problem("access.root-refused", config["permitrootlogin"]?.Where,
                        "PermitRootLogin no", ("user", name), ("value", permit));
                }
                else if (permit is "prohibit-password" or "without-password" or "forced-commands-only")
                {
                    sink.Add(FindingSeverity.Info, "access.root-keys-only", config["permitrootlogin"]?.Where, ("value", permit));
                }
            }
        }
    }

    private sealed record Denial(string Keyword, string Reason, string? Where, bool NeedsAddress);

    private static Denial? Decide(EffectiveSshdConfig config, string user, IReadOnlyList<string> groups, string? address)
    {
        var deny = Patterns(config, "denyusers");
        var hit = deny.FirstOrDefault(p => UserMatches(p, user, address));
        if (hit is not null)
        {
            return new Denial("DenyUsers", "listed in DenyUsers", config["denyusers"]?.Where, hit.Contains('@', StringComparison.Ordinal));
        }

        var allow = Patterns(config, "allowusers");
        if (allow.Count > 0 && !allow.Any(p => UserMatches(p, user, address)))
        {
            return new Denial("AllowUsers", "not listed in AllowUsers", config["allowusers"]?.Where, allow.Any(p => p.Contains('@', StringComparison.Ordinal)));
        }

        var denyGroups = Patterns(config, "denygroups");
        if (denyGroups.Count > 0 && groups.Any(g => PatternList.Matches(denyGroups, g)))
        {
            return new Denial("DenyGroups", "a group is listed in DenyGroups", config["denygroups"]?.Where, false);
        }

        var allowGroups = Patterns(config, "allowgroups");
        if (allowGroups.Count > 0 && !groups.Any(g => PatternList.Matches(allowGroups, g)))
        {
            return new Denial("AllowGroups", "none of user's groups are listed in AllowGroups", config["allowgroups"]?.Where, false);
        }

        return null;
    }

    private static List<string> Patterns(EffectiveSshdConfig config, string keyword) =>
        config.GetAll(keyword).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    /// <summary>match.c:match_user: USER or USER@HOST; without a known address a USER@HOST pattern is treated as matching.</summary>
    private static bool UserMatches(string pattern, string user, string? address)
    {
        var at = pattern.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return Local.HostPattern.Matches(pattern, user, ignoreCase: false);
        }

        return Local.HostPattern.Matches(pattern[..at], user, ignoreCase: false)
            && (address is null || PatternList.MatchesAddress([pattern[(at + 1)..]], address));
    }
}
