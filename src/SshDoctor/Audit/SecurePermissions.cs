namespace SshDoctor.Audit;

/// <summary>
/// OpenSSH's owner-and-mode rule for files it trusts (StrictModes' misc.c:safe_path, and the ~/.ssh/config check):
/// owned by root or the user, and not writable by group or others. Debian and Ubuntu patch in an exception
/// (user-group-modes.patch, secure_permissions()): group write is fine when the group's only member is the user.
/// </summary>
public static class SecurePermissions
{
    public static bool IsSecure(FileStatus status, uint uid, UserDatabase users, bool debianPrivateGroups)
    {
        if (status.Uid != 0 && status.Uid != uid)
        {
            return false;
        }

        if ((status.Mode & ModeBits.OtherWrite) != 0)
        {
            return false;
        }

        if ((status.Mode & ModeBits.GroupWrite) == 0)
        {
            return true;
        }

        return debianPrivateGroups && IsPrivateGroup(status, uid, users);
    }

    /// <summary>secure_permissions(): every user whose primary group it is must be the user; a listed member must be the owner alone.</summary>
    private static bool IsPrivateGroup(FileStatus status, uint uid, UserDatabase users)
    {
        var group = users.Group(status.Gid);
        if (group is null)
        {
            return false;
        }

        var members = 0;
        foreach (var user in users.Users.Where(u => u.Gid == group.Gid))
        {
            members++;
            if (user.Uid != uid)
            {
                return false;
            }
        }

        var owner = users.User(status.Uid);
        if (owner is null)
        {
            return false;
        }

        if (group.Members.Count > 0)
        {
            members++;
            if (group.Members[0] != owner.Name || group.Members.Count > 1)
            {
                return false;
            }
        }

        return members > 0;
    }

    /// <summary>Debian and Ubuntu (and derivatives) carry the private-group patch; they all have /etc/debian_version.</summary>
    public static bool DebianRules(IAuditFileSystem fs) => fs.Stat("/etc/debian_version").Exists;
}
