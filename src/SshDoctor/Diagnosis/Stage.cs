namespace SshDoctor.Diagnosis;

/// <summary>The stages a connection passes, in order. A diagnosis belongs to the first stage that failed.</summary>
/// <remarks><see cref="Server"/> is for findings made on the server itself (audit, server log) that the client never reaches.</remarks>
public enum Stage
{
    Config,
    Dns,
    Tcp,
    Banner,
    Kex,
    HostKey,
    Auth,
    Session,
    Server,
}

public static class StageNames
{
    public static string ToJson(this Stage stage) => stage switch
    {
        Stage.Config => "config",
        Stage.Dns => "dns",
        Stage.Tcp => "tcp",
        Stage.Banner => "banner",
        Stage.Kex => "kex",
        Stage.HostKey => "hostkey",
        Stage.Auth => "auth",
        Stage.Session => "session",
        Stage.Server => "server",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>The client-side stages, in the order a connection passes them.</summary>
    public static IReadOnlyList<Stage> Pipeline { get; } =
        [Stage.Config, Stage.Dns, Stage.Tcp, Stage.Banner, Stage.Kex, Stage.HostKey, Stage.Auth, Stage.Session];
}
