using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The bytes of <c>--events</c> and <c>--csv</c>, written as UTF-8 straight from the fields into one reused buffer and
/// passed on to the stream in large pieces: no string per event or field. Every text passes <see cref="SafeText"/>
/// first; a field of printable ASCII (almost every one) is already safe and is copied as it is, anything else takes
/// the general path (<see cref="SafeText.Escape(string?)"/>, then the format's own escaping), byte for byte what the
/// string writers produced.
/// </summary>
internal sealed class Utf8EventBuffer(Stream output)
{
    private const int PassOnBytes = 60 * 1024;

    /// <summary>The escaping <c>--events</c> has always had: JSON's own escapes only, no HTML-safe ones.</summary>
    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private byte[] _buffer = new byte[PassOnBytes + 4096];
    private int _used;

    /// <summary>Passes what was written on to the stream once enough has gathered (after each event).</summary>
    public void EndEvent()
    {
        Byte((byte)'\n');
        if (_used >= PassOnBytes)
        {
            Flush();
        }
    }

    /// <summary>Passes everything written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush()
    {
        output.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        _used++;
    }

    /// <summary>Text of this program's own (keys, the header): ASCII, never escaped.</summary>
    public void Literal(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        _used += utf8.Length;
    }

    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        _used += written;
    }

    public void Time(LogTime time) => _used += time.FormatUtf8(Reserve(LogTime.MaxUtf8Length));

    /// <summary>A JSON string value (quotes included) of text from the log.</summary>
    public void JsonString(string value)
    {
        Byte((byte)'"');
        if (IsPlainAscii(value) && value.AsSpan().IndexOfAny('"', '\\') < 0)
        {
            Ascii(value);
        }
        else
        {
            var encoded = JsonEncodedText.Encode(SafeText.Escape(value), JsonEncoder).EncodedUtf8Bytes;
            Literal(encoded);
        }

        Byte((byte)'"');
    }

    /// <summary>An RFC 4180 field of text from the log: quoted (quotes doubled) when it holds a comma or a quote.</summary>
    public void CsvField(string value)
    {
        var safe = IsPlainAscii(value) ? value : SafeText.Escape(value);
        if (safe.AsSpan().IndexOfAny(',', '"') < 0)
        {
            Utf8(safe);
            return;
        }

        Byte((byte)'"');
        var rest = safe.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            Utf8(rest[..(quote + 1)]);
            Byte((byte)'"');
            rest = rest[(quote + 1)..];
        }

        Utf8(rest);
        Byte((byte)'"');
    }

    /// <summary>Printable ASCII only: nothing <see cref="SafeText"/> would change, one byte per character.</summary>
    private static bool IsPlainAscii(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange(' ', '~') < 0;

    private void Ascii(ReadOnlySpan<char> text)
    {
        System.Text.Ascii.FromUtf16(text, Reserve(text.Length), out var written);
        _used += written;
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        _used += Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
    }

    /// <summary>Room for <paramref name="bytes"/> more at the end of what is written (the buffer grows for a long field).</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
            if (_buffer.Length < bytes)
            {
                _buffer = new byte[bytes];
            }
        }

        return _buffer.AsSpan(_used);
    }
}
