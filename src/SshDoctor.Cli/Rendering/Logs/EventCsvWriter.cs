using System.Globalization;
using System.Text;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// <c>--csv</c>: the events as RFC 4180 CSV with a header row, the same columns as <c>--events</c>. Every field passes
/// <see cref="SafeText"/>: showing the file on a terminal must not let a user name an attacker chose drive it.
/// </summary>
internal sealed class EventCsvWriter(Terminal output)
{
    private const string Header = "file,line,time,host,process,pid,ip,port,user,id,text";

    private readonly StringBuilder _row = new();
    private bool _headerWritten;

    public void Write(LogRecord record)
    {
        Complete();
        _row.Clear();
        Field(record.File);
        Field(record.Line.ToString(CultureInfo.InvariantCulture));
        Field(record.Time?.Format());
        Field(record.Host);
        Field(record.Process);
        Field(record.Pid?.ToString(CultureInfo.InvariantCulture));
        Field(record.Ip);
        Field(record.Port?.ToString(CultureInfo.InvariantCulture));
        Field(record.User);
        Field(record.Id);
        Field(record.Text, last: true);
        output.WriteData(_row.ToString());
    }

    /// <summary>Writes the header if no row did (an empty result is still a CSV file with its columns).</summary>
    public void Complete()
    {
        if (!_headerWritten)
        {
            output.WriteData(Header);
            _headerWritten = true;
        }
    }

    private void Field(string? value, bool last = false)
    {
        if (value is not null)
        {
            value = SafeText.Escape(value);
            if (value.AsSpan().IndexOfAny(",\"") >= 0)
            {
                _row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _row.Append(value);
            }
        }

        if (!last)
        {
            _row.Append(',');
        }
    }
}
