using SshDoctor.Audit;
using SshDoctor.Audit.Local;

namespace SshDoctor.Tests.Audit;

/// <summary>Builds a <see cref="LocalContext"/> for a prepared home (never the developer's own).</summary>
internal static class LocalAudit
{
    public static LocalContext Context(string home, uint uid, UserDatabase? users = null, Func<string, string?>? environment = null, IProgramRunner? programs = null, DateTimeOffset? now = null) => new()
    {
        Fs = new RootedFileSystem(null),
        Programs = programs ?? new ProgramRunner(),
        Home = home,
        Uid = uid,
        Users = users ?? UserDatabase.Parse(string.Empty, string.Empty),
        DebianRules = true,
        Environment = environment ?? (_ => null),
        Now = now ?? DateTimeOffset.UtcNow,
    };
}
