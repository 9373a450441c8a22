using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;

namespace SshDoctor.Explain;

/// <summary>What <c>explain</c> found: the inputs as read, the client's connections, and the diagnoses, root cause first.</summary>
public sealed record ExplainResult(
    IReadOnlyList<ClassifiedInput> Inputs,
    IReadOnlyList<ClientSession> Sessions,
    IReadOnlyList<Diagnosis.Diagnosis> Diagnoses);
