namespace SshDoctor.Diagnosis.Observations;

/// <summary>The destination a probe observation is about, as the user named it (Alias) and as it was reached.</summary>
public sealed record ProbeSubject(string Alias, string HostName, int Port, string User)
{
    public bool IsRoot => User == "root";
}
