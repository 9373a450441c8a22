using SshDoctor.Logs.Bulk;

namespace SshDoctor.Audit.Server.Log;

/// <summary>
/// Hands each record of the recent log to the subjects it concerns. A StrictModes refusal is logged before the line
/// that names the user of its connection, so records naming no user wait (bounded) until the end, when every
/// connection's user (by file, host and sshd pid) is known.
/// </summary>
public sealed class SubjectRecordCollector(IReadOnlyList<LogSubject> subjects)
{
    private const int MaxWaiting = 20_000;
    private const int MaxConnections = 100_000;

    private readonly Dictionary<(string File, string? Host, int Pid), string> _connectionUsers = [];
    private readonly List<LogRecord> _waiting = [];

    public IReadOnlyList<LogSubject> Subjects => subjects;

    public void Observe(LogRecord record)
    {
        if (subjects.Count == 0 || !record.Recognised)
        {
            return;
        }

        if (record.User is { } user && record.Pid is { } pid && (_connectionUsers.Count < MaxConnections || _connectionUsers.ContainsKey((record.File, record.Host, pid))))
        {
            _connectionUsers[(record.File, record.Host, pid)] = user;
        }

        if (record.User is null && record.IsFailure && subjects.Any(s => !s.IsAddress))
        {
            if (_waiting.Count < MaxWaiting)
            {
                _waiting.Add(record);
            }

            // Addresses do not depend on the user: count them now.
            Hand(record, null, addressesOnly: true);
            return;
        }

        Hand(record, null, addressesOnly: false);
    }

    /// <summary>End of input: the records that waited for their connection's user.</summary>
    public void Complete()
    {
        foreach (var record in _waiting)
        {
            var user = record.Pid is { } pid ? _connectionUsers.GetValueOrDefault((record.File, record.Host, pid)) : null;
            Hand(record, user, usersOnly: true);
        }

        _waiting.Clear();
    }

    private void Hand(LogRecord record, string? connectionUser, bool addressesOnly = false, bool usersOnly = false)
    {
        foreach (var subject in subjects)
        {
            if ((addressesOnly && !subject.IsAddress) || (usersOnly && subject.IsAddress))
            {
                continue;
            }

            if (subject.Concerns(record, connectionUser))
            {
                subject.Add(record);
            }
        }
    }
}
