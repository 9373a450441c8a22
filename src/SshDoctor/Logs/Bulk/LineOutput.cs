namespace SshDoctor.Logs.Bulk;

/// <summary>Takes one line of a block that the output shows, in input order (see <see cref="LogPipeline.Lines"/>).</summary>
public delegate void LineOutput(in SshLine line, string file);
