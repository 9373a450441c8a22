namespace SshDoctor.IntegrationTests.Ssh.Infrastructure;

/// <summary>A private temporary directory removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sshdoctor-probe-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A new unencrypted key pair NAME and NAME.pub here (replacing one of that name), commented with its name.</summary>
    public string NewKey(string name, string type = "ed25519")
    {
        var path = File(name);
        System.IO.File.Delete(path);
        System.IO.File.Delete(path + ".pub");
        ExternalTool.Run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still shutting down may hold a file; the OS temp cleaner will get it.
        }
    }
}
