using System.Net;
using SshDoctor.Logs.Bulk;
using SshDoctor.Logs.Signatures;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Audit.Server.Log;

/// <summary>
/// Someone check-server was asked about (--client-ip, or one --user): which log records concern them. A user is
/// named by the record, or, for lines that name no user (<c>Authentication refused: bad ownership or modes for
/// directory /home/alice/.ssh</c>), by a path inside their home directory.
/// </summary>
public sealed class LogSubject
{
    private readonly IPAddress? _address;
    private readonly string? _home;

    private LogSubject(string name, IPAddress? address, string? home)
    {
        Name = name;
        this._address = address;
        this._home = home is null or "/" ? null : home.TrimEnd('/');
    }

    public string Name { get; }

    public bool IsAddress => _address is not null;

    public SortedDictionary<string, SubjectFailures> ByDiagnosis { get; } = new(StringComparer.Ordinal);

    /// <summary>The last successful login of this subject, to tell an old failure from a current one.</summary>
    public LogRecord? LastAccepted { get; private set; }

    /// <summary>The last fail2ban/sshguard ban or unban of this address.</summary>
    public LogRecord? LastBanAction { get; private set; }

    public static LogSubject OfAddress(IPAddress address) => new(address.ToString(), address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, null);

    public static LogSubject OfUser(string name, string? home) => new(name, null, home);

    /// <summary>True when the record is about this subject; <paramref name="connectionUser"/> is the user its connection named, when the record names none.</summary>
    public bool Concerns(LogRecord record, string? connectionUser)
    {
        if (_address is not null)
        {
            return record.Ip is { } ip && IPAddress.TryParse(ip, out var parsed)
                && (parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed).Equals(_address);
        }

        var user = record.User ?? connectionUser;
        if (user is not null)
        {
            return string.Equals(user, Name, StringComparison.Ordinal);
        }

        return _home is not null && LogRecordPath.Of(record) is { } path
            && (path == _home || path.StartsWith(_home + "/", StringComparison.Ordinal));
    }

    public void Add(LogRecord record)
    {
        if (AcceptedLogins.Is(record.Kind))
        {
            LastAccepted = record;
        }

        if (record.Kind is Fail2banBan.Name or Fail2banUnban.Name or SshguardBlock.Name)
        {
            LastBanAction = record;
        }

        if (record.DiagnosisId is { } id)
        {
            if (!ByDiagnosis.TryGetValue(id, out var failures))
            {
                failures = new SubjectFailures();
                ByDiagnosis[id] = failures;
            }

            failures.Add(record);
        }
    }
}
