using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SshDoctor.Logs.Bulk;
using SshDoctor.Reporting;

namespace SshDoctor.Cli.Rendering.Logs;

/// <summary>
/// The bytes of <c>--events</c> and <c>--csv</c>, written as UTF-8 straight from the fields into a reused
/// <see cref="LineBytes"/>: no string per event or field. Over a stream, what gathers is passed on in large pieces; without
/// one (a worker formatting a block's lines, <see cref="LineFormat"/>) the bytes stay in the buffer. Every text passes
/// <see cref="SafeText"/> first; a field of printable ASCII (almost every one) is already safe and is copied as it is,
/// anything else takes the general path (<see cref="SafeText.Escape(string?)"/>, then the format's own escaping), byte
/// for byte what the string writers produced.
/// </summary>
internal readonly struct Utf8EventBuffer(LineBytes bytes, Stream? output = null)
{
    /// <summary>
    /// Bytes passed on at a time: more than the data stream's own buffer (<see cref="Terminal.OpenDataStream"/>, 64 KiB),
    /// so that <see cref="BufferedStream"/> writes them through instead of copying them once more.
    /// </summary>
    private const int PassOnBytes = 128 * 1024;

    /// <summary>The escaping <c>--events</c> has always had: JSON's own escapes only, no HTML-safe ones.</summary>
    private static readonly JavaScriptEncoder JsonEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// Fields up to this long (an address, a host, a user, an id) are checked and copied a character at a time: setting
    /// up the vector narrowing and search cost more than the whole of such a field (measured).
    /// </summary>
    private const int ShortField = 32;

    /// <summary>The bytes a JSON string holds as they are: printable ASCII (nothing for <see cref="SafeText"/>) but <c>"</c> and <c>\</c>.</summary>
    private static readonly SearchValues<byte> PlainInJson = SearchValues.Create(PrintableAsciiBut("\"\\"));

    /// <summary>The bytes a CSV field holds as they are, unquoted: printable ASCII but <c>,</c> and <c>"</c>.</summary>
    private static readonly SearchValues<byte> PlainInCsv = SearchValues.Create(PrintableAsciiBut(",\""));

    /// <summary><see cref="PlainInJson"/> and <see cref="PlainInCsv"/> as a table, for <see cref="ShortField"/>s.</summary>
    private static readonly AsciiSet ShortPlainInJson = new(PrintableAsciiBut("\"\\"));

    private static readonly AsciiSet ShortPlainInCsv = new(PrintableAsciiBut(",\""));

    /// <summary>The last time each thread wrote, up to its minute (<c>yyyy-MM-ddTHH:mm:</c>): most lines share their minute with the line before.</summary>
    [ThreadStatic]
    private static MinuteText? _lastMinute;

    /// <summary>A buffer that passes its bytes on to <paramref name="output"/>.</summary>
    public static Utf8EventBuffer Over(Stream output) => new(new LineBytes(PassOnBytes + 4096), output);

    public LineBytes Bytes => bytes;

    /// <summary>Ends an event: its newline, then passes what was written on once enough has gathered.</summary>
    public void EndEvent()
    {
        Byte((byte)'\n');
        PassOnIfFull();
    }

    /// <summary>Passes what was written on to the stream once enough has gathered (after each event).</summary>
    public void PassOnIfFull()
    {
        if (bytes.Length >= PassOnBytes)
        {
            Flush();
        }
    }

    /// <summary>Passes everything written so far on to the stream (which the caller flushes when it needs to).</summary>
    public void Flush()
    {
        if (output is not null)
        {
            output.Write(bytes.Written);
            bytes.Clear();
        }
    }

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        bytes.Advance(1);
    }

    /// <summary>Text of this program's own (keys, the header): ASCII, never escaped.</summary>
    public void Literal(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        bytes.Advance(utf8.Length);
    }

    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        bytes.Advance(written);
    }

    public void Time(LogTime time) => bytes.Advance((_lastMinute ??= new()).Format(time, Reserve(LogTime.MaxUtf8Length)));

    /// <summary>A JSON string value (quotes included) of text from the log.</summary>
    public void JsonString(string value)
    {
        Byte((byte)'"');
        if (!TryPlain(value, PlainInJson, ShortPlainInJson))
        {
            Literal(JsonEncodedText.Encode(SafeText.Escape(value), JsonEncoder).EncodedUtf8Bytes);
        }

        Byte((byte)'"');
    }

    /// <summary>The message of an event as a JSON string value: copied from the block's bytes when it is printable there.</summary>
    public void JsonText(in EventFields e)
    {
        if (e.AsciiText.IsEmpty)
        {
            JsonString(e.Text);
        }
        else if (IsShownAsItIs(e.AsciiText))
        {
            Byte((byte)'"');
            JsonEscapedAscii(e.AsciiText);
            Byte((byte)'"');
        }
        else
        {
            JsonString(Redaction.Redact(Encoding.ASCII.GetString(e.AsciiText)));
        }
    }

    /// <summary>The message of an event as a CSV field: copied from the block's bytes when it is printable there.</summary>
    public void CsvText(in EventFields e)
    {
        if (e.AsciiText.IsEmpty)
        {
            CsvField(e.Text);
        }
        else if (IsShownAsItIs(e.AsciiText))
        {
            CsvAscii(e.AsciiText);
        }
        else
        {
            CsvField(Redaction.Redact(Encoding.ASCII.GetString(e.AsciiText)));
        }
    }

    /// <summary>An RFC 4180 field of text from the log: quoted (quotes doubled) when it holds a comma or a quote.</summary>
    public void CsvField(string value)
    {
        if (TryPlain(value, PlainInCsv, ShortPlainInCsv))
        {
            return;
        }

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

    /// <summary>
    /// Copies <paramref name="value"/> as ASCII when all of it is in <paramref name="plain"/> (almost every field: one
    /// narrowing pass and one check of the bytes); false, with nothing written, otherwise.
    /// </summary>
    private bool TryPlain(string value, SearchValues<byte> plain, AsciiSet shortPlain)
    {
        var room = Reserve(value.Length);
        if (value.Length <= ShortField)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (!shortPlain.Contains(c))
                {
                    return false;
                }

                room[i] = (byte)c;
            }

            bytes.Advance(value.Length);
            return true;
        }

        if (System.Text.Ascii.FromUtf16(value, room, out var written) != OperationStatus.Done || room[..written].IndexOfAnyExcept(plain) >= 0)
        {
            return false;
        }

        bytes.Advance(written);
        return true;
    }

    /// <summary>
    /// A message of printable ASCII (nothing for <see cref="SafeText"/>) that <see cref="Redaction"/> would not change:
    /// only the format's own escaping is left to do.
    /// </summary>
    private static bool IsShownAsItIs(ReadOnlySpan<byte> ascii) =>
        ascii.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0 && !Redaction.MayHoldSecret(ascii);

    /// <summary>Printable ASCII inside a JSON string: <c>"</c> and <c>\</c> escaped, every other byte as it is (what the relaxed encoder does).</summary>
    private void JsonEscapedAscii(ReadOnlySpan<byte> ascii)
    {
        for (var escape = ascii.IndexOfAny((byte)'"', (byte)'\\'); escape >= 0; escape = ascii.IndexOfAny((byte)'"', (byte)'\\'))
        {
            Literal(ascii[..escape]);
            Byte((byte)'\\');
            Byte(ascii[escape]);
            ascii = ascii[(escape + 1)..];
        }

        Literal(ascii);
    }

    /// <summary>Printable ASCII as a CSV field: quoted, its quotes doubled, when it holds a comma or a quote (as <see cref="CsvField"/>).</summary>
    private void CsvAscii(ReadOnlySpan<byte> ascii)
    {
        if (ascii.IndexOfAny((byte)',', (byte)'"') < 0)
        {
            Literal(ascii);
            return;
        }

        Byte((byte)'"');
        for (var quote = ascii.IndexOf((byte)'"'); quote >= 0; quote = ascii.IndexOf((byte)'"'))
        {
            Literal(ascii[..(quote + 1)]);
            Byte((byte)'"');
            ascii = ascii[(quote + 1)..];
        }

        Literal(ascii);
        Byte((byte)'"');
    }

    private static byte[] PrintableAsciiBut(string excluded)
    {
        var plain = new List<byte>();
        for (var c = ' '; c <= '~'; c++)
        {
            if (!excluded.Contains(c, StringComparison.Ordinal))
            {
                plain.Add((byte)c);
            }
        }

        return [.. plain];
    }

    /// <summary>Printable ASCII only: nothing <see cref="SafeText"/> would change, one byte per character.</summary>
    private static bool IsPlainAscii(ReadOnlySpan<char> text) => text.IndexOfAnyExceptInRange(' ', '~') < 0;

    private void Ascii(ReadOnlySpan<char> text)
    {
        System.Text.Ascii.FromUtf16(text, Reserve(text.Length), out var written);
        bytes.Advance(written);
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        bytes.Advance(Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length))));
    }

    /// <summary>Room for <paramref name="count"/> more at the end of what is written (passed on first when a stream takes it).</summary>
    private Span<byte> Reserve(int count)
    {
        if (output is not null && bytes.Free < count)
        {
            Flush();
        }

        return bytes.Reserve(count);
    }
}
