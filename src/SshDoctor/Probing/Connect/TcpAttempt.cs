using SshDoctor.Diagnosis.Observations;

namespace SshDoctor.Probing.Connect;

/// <summary>One connect attempt to one address: what happened and how long it took.</summary>
/// <param name="Failure">Null when the connection was established.</param>
public sealed record TcpAttempt(System.Net.IPAddress Address, int Port, TcpFailureKind? Failure, string Detail, TimeSpan Elapsed);
