namespace SshDoctor.Fuzz;

/// <summary>A defect that is not an exception of the code under test: a lone surrogate, two paths that disagree.</summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException() { }

    public FuzzFindingException(string message) : base(message) { }

    public FuzzFindingException(string message, Exception innerException) : base(message, innerException) { }
}
