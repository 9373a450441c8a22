using SshDoctor.Tests.Audit;
using SshDoctor.Tests.TestSupport;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// Server-side fixes in a prepared tree (<c>fix --root DIR --user NAME</c>), found by the server audit: the StrictModes
/// walk's refused directory gets go-w and nothing else, a missing home named by passwd is made from /etc/skel with the
/// account's owner and 0700; the re-check confirms both; undo gives the mode back and removes exactly what was made.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServerTreeFixTests : IDisposable
{
    private readonly string _tree = Directory.CreateTempSubdirectory("sshdoctor-tree-").FullName;

    public void Dispose() => Directory.Delete(_tree, recursive: true);

    [Fact]
    public void Server_modes_and_a_missing_home_are_fixed_in_the_tree_and_undone()
    {
        Shell.Require(Environment.UserName == "root", "needs root to give the tree's files to its accounts");
        var made = Shell.Run($"""
            set -e; cd '{_tree}'; mkdir -p etc/ssh etc/skel home/alice/.ssh
            printf 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n' > etc/passwd
            printf 'root:x:0:\nalice:x:1000:\nbob:x:1001:\n' > etc/group
            printf 'StrictModes yes\n' > etc/ssh/sshd_config
            echo 'alias ll="ls -l"' > etc/skel/.bashrc
            ssh-keygen -q -t ed25519 -N '' -f k && cp k.pub home/alice/.ssh/authorized_keys
            chown -R 1000:1000 home/alice && chmod 755 home/alice && chmod 775 home/alice/.ssh && chmod 600 home/alice/.ssh/authorized_keys
            """);
        Assert.True(made.Code == 0, made.Stderr);
        var sshDir = Path.Combine(_tree, "home/alice/.ssh");
        var bob = Path.Combine(_tree, "home/bob");

        var fix = CliRun.Run("fix", "--root", _tree, "--user", "alice", "--user", "bob", "--yes");

        Assert.True(fix.Code == 0, fix.Stdout + fix.Stderr);
        Assert.Contains("✓ fixed auth.publickey.server-modes", fix.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ fixed session.no-home", fix.Stdout, StringComparison.Ordinal);
        Assert.Equal("755", Shell.Run($"stat -c %a '{sshDir}'").Stdout.Trim());
        Assert.Equal("700 1001 1001", Shell.Run($"stat -c '%a %u %g' '{bob}'").Stdout.Trim());
        Assert.Equal("1001 alias ll=\"ls -l\"", Shell.Run($"stat -c %u '{bob}/.bashrc' | tr '\\n' ' '; cat '{bob}/.bashrc'").Stdout.Trim());
        Assert.Single(Directory.GetFiles(Path.Combine(_tree, "var/lib/ssh-doctor/records")));

        // The printed hint carries --root, so pasting it undoes this tree's record (without it: /var/lib/ssh-doctor).
        var record = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(_tree, "var/lib/ssh-doctor/records"))[0]);
        Assert.Contains($"Undo with: ssh-doctor undo --root {_tree} {record}", fix.Stdout, StringComparison.Ordinal);
        var undo = CliRun.Run("undo", "--root", _tree, record);

        Assert.True(undo.Code == 0, undo.Stdout + undo.Stderr);
        Assert.Equal("775", Shell.Run($"stat -c %a '{sshDir}'").Stdout.Trim());
        Assert.False(Directory.Exists(bob));
    }
}
