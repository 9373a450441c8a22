using System.Globalization;
using Npgsql;

namespace SshDoctor.Scan.History;

/// <summary>
/// A <c>postgresql://[user[:password]@][host][:port][/database][?param=value&amp;...]</c> URL (libpq's form; <c>postgres://</c>
/// too) as an Npgsql connection string. The password comes only from the URL, or, as libpq takes it, from
/// <c>PGPASSWORD</c> or the password file (<c>PGPASSFILE</c>, <c>~/.pgpass</c>) that Npgsql reads itself; it is never
/// shown: <see cref="Shown"/> is the URL without it, and <see cref="Redact"/> takes it out of any message.
/// </summary>
public sealed record PostgresUrl(string ConnectionString, string Shown, string? Password)
{
    /// <summary>The query parameters understood, as libpq names them.</summary>
    public static IReadOnlyList<string> Parameters { get; } = ["host", "port", "dbname", "user", "password", "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"];

    public static bool IsUrl(string location) =>
        location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the URL; a malformed one is a <see cref="HistoryUnavailableException"/> naming the part at fault (never the password).</summary>
    public static PostgresUrl Parse(string url, Func<string, string?> environment)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = string.Empty;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var path = string.Empty;
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        string? user = null, password = null, host = null, port = null;
        if (rest.LastIndexOf('@') is var at and >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decode(colon >= 0 ? userInfo[..colon] : userInfo, "user");
            password = colon >= 0 ? Decode(userInfo[(colon + 1)..], "password") : null;
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad("an IPv6 address in [ ] has no ]");
            }

            host = rest[1..close];
            port = rest[(close + 1)..].StartsWith(':') ? rest[(close + 2)..] : null;
        }
        else if (rest.Contains(',', StringComparison.Ordinal))
        {
            host = rest; // host1:port1,host2:port2: Npgsql takes the list as it is.
        }
        else if (rest.Length > 0)
        {
            var colon = rest.LastIndexOf(':');
            host = Decode(colon >= 0 ? rest[..colon] : rest, "host");
            port = colon >= 0 ? rest[(colon + 1)..] : null;
        }

        var database = path.Length > 0 ? Decode(path, "database") : null;
        var builder = new NpgsqlConnectionStringBuilder { Timeout = 10, CommandTimeout = 60, Pooling = false };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? Decode(pair[..equals], "parameter") : Decode(pair, "parameter");
            var value = equals >= 0 ? Decode(pair[(equals + 1)..], name == "password" ? "password" : name) : string.Empty;
            switch (name)
            {
                case "host": host = value; break;
                case "port": port = value; break;
                case "dbname": database = value; break;
                case "user": user = value; break;
                case "password": password = value; break;
                case "sslmode": builder.SslMode = SslModeOf(value); break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "sslcert": builder.SslCertificate = value; break;
                case "sslkey": builder.SslKey = value; break;
                case "connect_timeout": builder.Timeout = Seconds(value); break;
                case "application_name": builder.ApplicationName = value; break;
                default: throw Bad($"parameter '{Ssh.RemoteText.Cut(name, 40)}' is not one ssh-doctor passes on (known: {string.Join(", ", Parameters)})");
            }
        }

        host ??= environment("PGHOST") is { Length: > 0 } pgHost ? pgHost : "localhost";
        port ??= environment("PGPORT") is { Length: > 0 } pgPort ? pgPort : null;
        builder.Host = host;
        if (port is { Length: > 0 })
        {
            builder.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
                ? number
                : throw Bad($"port '{Ssh.RemoteText.Cut(port, 20)}' is not a whole number from 1 to 65535");
        }

        if (user is { Length: > 0 })
        {
            builder.Username = user;
        }

        if (database is { Length: > 0 })
        {
            builder.Database = database;
        }

        if (password is { Length: > 0 })
        {
            builder.Password = password;
        }

        var shown = $"postgresql://{(user is { Length: > 0 } ? Uri.EscapeDataString(user) + "@" : "")}{(host.Contains(':', StringComparison.Ordinal) && !host.Contains(',', StringComparison.Ordinal) ? $"[{host}]" : host)}"
            + $"{(port is { Length: > 0 } && !host.Contains(',', StringComparison.Ordinal) ? ":" + port : "")}/{(database is null ? "" : Uri.EscapeDataString(database))}";
        return new PostgresUrl(builder.ConnectionString, shown, password is { Length: > 0 } ? password : null);

        HistoryUnavailableException Bad(string why) => new($"--db {ShownSoFar(url)}: {why}");
    }

    /// <summary><paramref name="message"/> without the password, wherever it might appear.</summary>
    public string Redact(string message) => Password is { Length: > 0 } secret ? message.Replace(secret, "***", StringComparison.Ordinal) : message;

    private static string Decode(string text, string part)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            throw new HistoryUnavailableException($"--db: the URL's {part} is not percent-encoded text");
        }
    }

    private static int Seconds(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600
            ? seconds
            : throw new HistoryUnavailableException($"--db: connect_timeout '{Ssh.RemoteText.Cut(text, 20)}' is not a number of seconds from 1 to 3600");

    private static SslMode SslModeOf(string text) => text switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new HistoryUnavailableException($"--db: sslmode '{Ssh.RemoteText.Cut(text, 20)}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    // The URL as given, its password (between the scheme's "//", a ':' and the last '@' before the host) blotted out.
    private static string ShownSoFar(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?'], start) is var e and >= 0 ? e : url.Length;
        var at = url.LastIndexOf('@', end - 1, end - start);
        var colon = at >= 0 ? url.IndexOf(':', start, at - start) : -1;
        var cut = colon >= 0 ? url[..(colon + 1)] + "***" + url[at..] : url;
        return cut.Contains("password=", StringComparison.Ordinal) ? cut[..cut.IndexOf('?', StringComparison.Ordinal)] + "?…" : Ssh.RemoteText.Cut(cut, 200);
    }
}
