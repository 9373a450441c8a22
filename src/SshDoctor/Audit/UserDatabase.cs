using System.Globalization;
using SshDoctor.Files;

namespace SshDoctor.Audit;

/// <summary>/etc/passwd and /etc/group as files (below <c>--root</c> when given). NSS sources other than files are not seen.</summary>
public sealed class UserDatabase
{
    private UserDatabase(IReadOnlyList<PasswdEntry> users, IReadOnlyList<GroupEntry> groups)
    {
        Users = users;
        Groups = groups;
    }

    public IReadOnlyList<PasswdEntry> Users { get; }

    public IReadOnlyList<GroupEntry> Groups { get; }

    /// <summary>/etc/passwd as it was read: when it could not be (a FIFO, permission denied), no account can be said to be missing.</summary>
    public FileRead? PasswdRead { get; private init; }

    public bool PasswdUnread => PasswdRead is { Ok: false };

    public static UserDatabase Load(IAuditFileSystem fs)
    {
        var passwd = fs.Read("/etc/passwd");
        var group = fs.Read("/etc/group");
        var parsed = Parse(passwd.Ok ? passwd.Text : string.Empty, group.Ok ? group.Text : string.Empty);
        return new UserDatabase(parsed.Users, parsed.Groups) { PasswdRead = passwd };
    }

    public static UserDatabase Parse(string passwd, string group)
    {
        var users = new List<PasswdEntry>();
        foreach (var line in passwd.Split('\n'))
        {
            var f = line.TrimEnd('\r').Split(':');
            if (f.Length >= 7 && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                users.Add(new PasswdEntry(f[0], uid, gid, f[5], f[6]));
            }
        }

        var groups = new List<GroupEntry>();
        foreach (var line in group.Split('\n'))
        {
            var f = line.TrimEnd('\r').Split(':');
            if (f.Length >= 4 && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                groups.Add(new GroupEntry(f[0], gid, f[3].Split(',', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        return new UserDatabase(users, groups);
    }

    public PasswdEntry? User(string name) => Users.FirstOrDefault(u => u.Name == name);

    public PasswdEntry? User(uint uid) => Users.FirstOrDefault(u => u.Uid == uid);

    public GroupEntry? Group(uint gid) => Groups.FirstOrDefault(g => g.Gid == gid);

    /// <summary>The names of the user's groups: the primary one and every group listing them as a member.</summary>
    public IReadOnlyList<string> GroupsOf(PasswdEntry user)
    {
        var names = new List<string>();
        if (Group(user.Gid) is { } primary)
        {
            names.Add(primary.Name);
        }

        names.AddRange(Groups.Where(g => g.Members.Contains(user.Name, StringComparer.Ordinal) && g.Gid != user.Gid).Select(g => g.Name));
        return names;
    }
}
