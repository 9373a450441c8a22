namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Takes one line of a block that the output shows, in input order (see <see cref="LogPipeline.Lines"/>), with the
/// head and tail its <see cref="LogPipeline.Format"/> wrote on a worker (empty when there is none).
/// </summary>
public delegate void LineOutput(in SshLine line, string file, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail);
