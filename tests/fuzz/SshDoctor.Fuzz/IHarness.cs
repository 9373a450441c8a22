namespace SshDoctor.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> takes one input and throws only when something is wrong: an exception
/// the parser does not document as its answer to bad input, a lone surrogate in a string it produced, or (for a
/// differential harness) two paths that disagree. The parsers' documented answers are caught inside.
/// </summary>
public interface IHarness
{
    /// <summary>The name on the command line and the folder of its corpus (tests/fuzz/corpus/NAME).</summary>
    string Name { get; }

    /// <summary>What the harness runs, in a few words (for <c>--list</c>).</summary>
    string Covers { get; }

    void Run(byte[] input);
}
