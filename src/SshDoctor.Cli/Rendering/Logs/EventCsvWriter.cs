using System.Globalization;
using SshDoctor.Logs.Bulk;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary><c>--csv</c>: the events as RFC 4180 CSV with a header row, the same columns as <c>--events</c>.</summary>
internal sealed class EventCsvWriter(TextWriter output)
{
    private bool headerWritten;

    public void Write(LogRecord record)
    {
        if (!headerWritten)
        {
            output.Write("file,line,time,host,process,pid,ip,port,user,id,text\n");
            headerWritten = true;
        }

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
    }

    public void Complete()
    {
        if (!headerWritten)
        {
            output.Write("file,line,time,host,process,pid,ip,port,user,id,text\n");
            headerWritten = true;
        }
    }

    private void Field(string? value, bool last = false)
    {
        if (value is not null)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                output.Write('"');
                output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                output.Write('"');
            }
            else
            {
                output.Write(value);
            }
        }

        output.Write(last ? '\n' : ',');
    }
}
