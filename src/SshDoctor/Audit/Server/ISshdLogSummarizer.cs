namespace SshDoctor.Audit.Server;

/// <summary>
/// The seam for the <c>logs</c> machinery (issue 4: "the recent sshd log summarised with the logs machinery when that
/// issue has landed"). <see cref="AuthLogCheck"/> finds where the log is and hands it here; an implementation reads the
/// recent part (through <see cref="ServerContext.Fs"/> for files, so --root holds, or <see cref="ServerContext.Programs"/>
/// for journalctl), and reports the failures by cause, user and source address into the sink of the "logs" area:
/// findings, and a diagnosis where a line proves one (e.g. server.banned from fail2ban's "Ban IP").
/// <see cref="Log.BulkSshdLogSummarizer"/> implements it; without one check-server only says where the log is.
/// </summary>
public interface ISshdLogSummarizer
{
    void Summarize(SshdLogLocation log, ServerContext context, AuditSink sink);
}
