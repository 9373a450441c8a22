namespace SshDoctor.Logs.Bulk;

/// <summary>A connection's story is complete (forgotten or end of input); the value is only valid during the call.</summary>
public delegate void SessionFinished(in Session session);
