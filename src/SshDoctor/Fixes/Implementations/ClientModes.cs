using System.Globalization;
using SshDoctor.Audit;
using SshDoctor.Audit.Local;
using SshDoctor.Fixes.Files;
using SshDoctor.Fixes.Planning;

namespace SshDoctor.Fixes.Implementations;

/// <summary>
/// The ~/.ssh modes as the guide gives them — directory 700, private keys and config 600, .pub and known_hosts 644 — and
/// the user as owner. Modes only, never content; a mode is only ever narrowed (group/other bits removed), never widened.
/// </summary>
internal static class ClientModes
{
    /// <summary>go-rwx: what 700 and 600 ask of the group and other bits.</summary>
    public const int Private = ModeBits.GroupOrOther;

    /// <summary>go-w: what 644 asks.</summary>
    public const int NotWritable = ModeBits.GroupOrOtherWrite;

    /// <summary>Steps for one path: owner back to the user (root only), then the bits in <paramref name="remove"/> taken away.</summary>
    public static List<FixStep> For(FixContext context, string path, int remove, bool required)
    {
        var steps = new List<FixStep>();
        var real = WritePolicy.Target(context, path, contentChange: false);
        var status = FixFiles.Stat(real);
        if (!status.Exists)
        {
            if (required)
            {
                throw new FixInputException($"{path}: {FixFiles.Describe(status.Errno)}; nothing was changed");
            }

            return steps;
        }

        if (status.Uid != context.Uid && status.Uid != 0)
        {
            if (!context.IsRoot)
            {
                if (required)
                {
                    throw new FixInputException($"{real} belongs to uid {status.Uid.ToString(CultureInfo.InvariantCulture)}: only root can give it back to {context.UserName} (sudo chown {context.UserName} {real})");
                }

                return steps;
            }

            steps.Add(new OwnerStep
            {
                Path = real,
                OldUid = status.Uid,
                OldGid = status.Gid,
                NewUid = context.Uid,
                NewGid = status.Gid,
                Command = ShellCommands.Chown(context.UserName, real),
            });
        }

        var mode = context.PlannedMode(real) ?? status.Mode;
        if ((mode & remove) != 0)
        {
            steps.Add(new ModeStep
            {
                Path = real,
                OldMode = mode,
                NewMode = mode & ~remove,
                Command = ShellCommands.Chmod(remove == Private ? "go-rwx" : "go-w", real),
            });
        }

        return steps;
    }

    /// <summary>The rest of ~/.ssh as the guide wants it (the diagnosed file is planned by the caller and skipped here).</summary>
    public static List<FixStep> Tidy(FixContext context, string except)
    {
        var steps = new List<FixStep>();
        var dir = context.Home.TrimEnd('/') + "/.ssh";
        if (!FixFiles.StatLink(dir).IsDirectory)
        {
            return steps;
        }

        steps.AddRange(For(context, dir, Private, required: false));
        var fs = new RootedFileSystem(null);
        var keys = LocalKey.FindAll(fs, dir).Select(k => k.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in fs.List(dir))
        {
            var name = Path.GetFileName(path);
            if (path == except || !FixFiles.StatLink(path).IsRegular)
            {
                continue;
            }

            int? remove = keys.Contains(path) || name == "config" ? Private
                : name.EndsWith(".pub", StringComparison.Ordinal) || name is "known_hosts" or "known_hosts2" ? NotWritable
                : null;
            if (remove is { } bits)
            {
                try
                {
                    steps.AddRange(For(context, path, bits, required: false));
                }
                catch (FixInputException)
                {
                    // Tidying is a courtesy: a file it may not touch is left as it is.
                }
            }
        }

        return steps;
    }
}
