using System.Globalization;
using SshDoctor.Fixes.Files;

namespace SshDoctor.Fixes.Planning;

/// <summary>
/// Which files a fix may change. On the client: only inside the user's home (a symbolic link leading out of it is
/// refused) and only files the user owns; the real file behind a link inside the home is what gets changed, so the link
/// stays. On the server: files of the tree, owned by root or the account being fixed.
/// </summary>
public static class WritePolicy
{
    /// <summary>The real path to change for <paramref name="path"/>, or a refusal (<see cref="FixInputException"/>).</summary>
    public static string Target(FixContext context, string path, bool contentChange, uint? accountUid = null)
    {
        var real = FixFiles.RealPath(path) ?? throw new FixInputException($"{path}: the directory it should be in does not exist; nothing was changed");
        var status = FixFiles.Stat(real);
        if (context.ServerSide)
        {
            if (context.Root.Length > 0 && !FixFiles.IsInside(real, FixFiles.RealPath(context.Root) ?? context.Root))
            {
                throw new FixInputException($"{path} leads out of {context.Root} (to {real}): not changed");
            }

            if (status.Exists && status.Uid != 0 && accountUid is { } uid && status.Uid != uid && contentChange)
            {
                throw new FixInputException($"{real} belongs to uid {status.Uid.ToString(CultureInfo.InvariantCulture)}, neither root nor the account: not changed");
            }

            return real;
        }

        var home = FixFiles.RealPath(context.Home) ?? context.Home;
        if (!FixFiles.IsInside(real, home))
        {
            throw new FixInputException(real == path
                ? $"{path} is outside your home {context.Home}: not changed"
                : $"{path} is a link that leads out of your home (to {real}): not changed");
        }

        if (status.Exists && status.Uid != context.Uid && contentChange)
        {
            throw new FixInputException($"{real} belongs to uid {status.Uid.ToString(CultureInfo.InvariantCulture)}, not to you ({context.UserName}): not changed");
        }

        return real;
    }
}
