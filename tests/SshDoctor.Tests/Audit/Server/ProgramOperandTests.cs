using SshDoctor.Audit;
using SshDoctor.Audit.Server;
using SshDoctor.Files;

namespace SshDoctor.Tests.Audit.Server;

/// <summary>
/// Operands that come from files (a home directory from /etc/passwd, an AuthorizedKeysFile) follow "--", so the real
/// program reads them as names even when one starts with '-'. getfattr without "--" would print its version for
/// "--version" and exit 0, and the version would be taken for a security label.
/// </summary>
public sealed class ProgramOperandTests
{
    [Fact]
    public void Getfattr_reads_a_path_that_looks_like_an_option_as_a_path()
    {
        Shell.Require(Shell.Has("getfattr"), "getfattr (attr package) is not installed");

        var labels = new GetfattrSecurityLabels(new ProgramRunner(), new UnmappedFileSystem());

        Assert.Null(labels.ContextOf("--version"));
    }

    /// <summary>Hands paths to programs as they are, so a test can give one that starts with '-'.</summary>
    private sealed class UnmappedFileSystem : IAuditFileSystem
    {
        public FileStatus Stat(string path, bool followLinks = true) => FileStatus.Missing(2);

        public string? RealPath(string path) => null;

        public FileRead Read(string path, int maxBytes = IAuditFileSystem.DefaultMaxBytes) =>
            new() { Path = path, Problem = FileReadProblem.Missing, Kind = FileKind.Missing };

        public IReadOnlyList<string> List(string directory) => [];

        public string Map(string path) => path;
    }
}
