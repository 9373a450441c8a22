using SshDoctor.Tests.Audit;

namespace SshDoctor.Tests.Fixes;

/// <summary>
/// A home whose ~/.ssh has two problems check-local finds and fix repairs without a network: a private key readable by
/// others (key.permissions-too-open: a mode change) and a .pub of another key (key.mismatch: a content change). The
/// keys are made once and copied for each run, so every run starts from the same bytes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class FixTestHome : IDisposable
{
    private static readonly Lazy<(byte[] Private, byte[] WrongPublic, byte[] RightPublic)> Keys = new(MakeKeys);

    public FixTestHome(string? parent = null)
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), "sshdoctor-fixhome-" + Guid.NewGuid().ToString("N"))).FullName;
        Directory.CreateDirectory(Ssh);
        File.SetUnixFileMode(Ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(Key, Keys.Value.Private);
        File.SetUnixFileMode(Key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.WriteAllBytes(Public, Keys.Value.WrongPublic);
        File.SetUnixFileMode(Public, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string Path { get; }

    public string Ssh => System.IO.Path.Combine(Path, ".ssh");

    public string Key => System.IO.Path.Combine(Ssh, "id_ed25519");

    public string Public => Key + ".pub";

    public string State => System.IO.Path.Combine(Path, "state");

    public static byte[] OldPublic => Keys.Value.WrongPublic;

    public static byte[] NewPublic => Keys.Value.RightPublic;

    public static UnixFileMode OldKeyMode => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static UnixFileMode NewKeyMode => UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The environment for a CLI run on this home: records under it.</summary>
    public Dictionary<string, string> Environment(params (string Key, string Value)[] more)
    {
        var environment = new Dictionary<string, string> { ["XDG_STATE_HOME"] = State };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>True when the home is exactly as made: both files' bytes and modes.</summary>
    public bool IsOriginal => File.ReadAllBytes(Public).AsSpan().SequenceEqual(OldPublic) && File.GetUnixFileMode(Key) == OldKeyMode;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static (byte[], byte[], byte[]) MakeKeys()
    {
        var directory = Directory.CreateTempSubdirectory("sshdoctor-fixkeys-").FullName;
        try
        {
            var made = Shell.Run($"ssh-keygen -q -t ed25519 -N '' -C right -f '{directory}/a' && ssh-keygen -q -t ed25519 -N '' -C wrong -f '{directory}/b' && ssh-keygen -y -f '{directory}/a' > '{directory}/a.y'");
            Shell.Require(made.Code == 0, "ssh-keygen (openssh-client) is needed: " + made.Stderr);
            return (File.ReadAllBytes($"{directory}/a"), File.ReadAllBytes($"{directory}/b.pub"), File.ReadAllBytes($"{directory}/a.y"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
