using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Audit.Server;

namespace SshDoctor.Fuzz;

/// <summary>The fixed accounts and contexts the audit harnesses run in: alice (uid 1000) in a memory file system.</summary>
public static class AuditFixtures
{
    public const string Home = "/home/alice";

    public const string Passwd = "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/usr/sbin/nologin\n";

    public const string Group = "root:x:0:\nalice:x:1000:\nbob:x:1001:\nsshusers:x:2000:alice,bob\n";

    public static DateTimeOffset Now { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static LocalContext Local(MemoryFileSystem fs) => new()
    {
        Fs = fs,
        Programs = NoPrograms.Instance,
        Home = Home,
        Uid = 1000,
        Users = UserDatabase.Parse(Passwd, Group),
        DebianRules = true,
        Environment = _ => null,
        Now = Now,
    };

    public static ServerContext Server(MemoryFileSystem fs, string? clientIp) => new()
    {
        Fs = fs.Add("/etc/passwd", Passwd).Add("/etc/group", Group),
        Programs = NoPrograms.Instance,
        UserNames = ["alice", "bob", "nobody"],
        ClientIp = clientIp,
        DebianRules = true,
        Rooted = true,
    };
}
