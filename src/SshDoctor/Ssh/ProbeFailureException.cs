namespace SshDoctor.Ssh;

/// <summary>Carries a <see cref="ProbeFailure"/> out of deep protocol code; the façade turns it back into a value.</summary>
internal sealed class ProbeFailureException : Exception
{
    public ProbeFailureException(ProbeFailure failure) : base(failure.ToString())
    {
        Failure = failure;
    }

    public ProbeFailure Failure { get; }
}
