namespace SshDoctor.Diagnosis;

/// <summary>Where a piece of evidence was seen.</summary>
public enum EvidenceSource
{
    ClientLog,
    ServerLog,
    Probe,
    Local,
    Server,
}

public static class EvidenceSourceNames
{
    public static string ToJson(this EvidenceSource source) => source switch
    {
        EvidenceSource.ClientLog => "client-log",
        EvidenceSource.ServerLog => "server-log",
        EvidenceSource.Probe => "probe",
        EvidenceSource.Local => "local",
        EvidenceSource.Server => "server",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
