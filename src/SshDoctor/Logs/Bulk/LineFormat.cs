namespace SshDoctor.Logs.Bulk;

/// <summary>
/// Writes, on the worker that classified a block, the bytes of one line a per-line output shows that do not depend on
/// the lines before it: a head, <see cref="LineBytes.EndHead"/>, a tail, <see cref="LineBytes.EndLine"/>. The in-order
/// pass writes what does depend on them around and between the two (see <see cref="LineOutput"/>): the line number
/// and the connection's address, port and user, which <see cref="SessionTracker"/> may fill in. So the formatting runs
/// on every core, and the one in-order thread mostly copies bytes. <paramref name="block"/> is the bytes of the line's
/// block, where a recognised line's message may be (<see cref="SshLine.TextInBlockStart"/>).
/// </summary>
public delegate void LineFormat(in SshLine line, string file, ReadOnlySpan<byte> block, LineBytes into);
