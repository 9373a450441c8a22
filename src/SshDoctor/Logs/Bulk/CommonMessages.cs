using System.Buffers;
using SshDoctor.Logs.Signatures;

namespace SshDoctor.Logs.Bulk;

/// <summary>What <see cref="CommonMessages.TryRead"/> found: the table's signature and where its groups are in the message.</summary>
public readonly record struct CommonMatch(MessageSignature Signature, Range Ip, Range User, int Port)
{
    /// <summary>The diagnosis the line proves: the signature's own, unless the captured text decides (see <see cref="FailureId"/>).</summary>
    public string? DiagnosisId { get; init; } = Signature.DiagnosisId;

    public bool HasIp => !Ip.Equals(CommonMessages.None);

    public bool HasUser => !User.Equals(CommonMessages.None);
}

/// <summary>
/// Hand-written readers for the dozen messages that make up most of a real sshd log (failed password, invalid user,
/// connection closed, PAM failures...), on the span, without a regex or an allocation. Each claims a line only when the
/// line has the plain shape (printable ASCII, one-word user, an address token, a port) for which the table's pattern
/// captures exactly the same groups; any other shape returns false and the line goes to the table's regex. The
/// signatures are the table's own objects (<see cref="SignatureTable.Server"/>), looked up by name: the table stays the
/// single source of truth and the tests check that this returns what <see cref="SignatureTable.Match"/> returns.
/// </summary>
public static class CommonMessages
{
    public static readonly Range None = new(0, 0);

    private static readonly Guarded FailedPassword = new(Find("sshd.failed-password"));
    private static readonly Guarded FailedPasswordInvalid = new(Find("sshd.failed-password-invalid"));
    private static readonly Guarded FailedPublickey = new(Find("sshd.failed-publickey"));
    private static readonly Guarded FailedPublickeyInvalid = new(Find("sshd.failed-publickey-invalid"));
    private static readonly MessageSignature InvalidUser = Find("sshd.invalid-user");
    private static readonly MessageSignature ConnectionClosed = Find("sshd.connection-closed");
    private static readonly MessageSignature ConnectionReset = Find("sshd.connection-reset");
    private static readonly MessageSignature Disconnected = Find("sshd.disconnected");
    private static readonly Guarded ReceivedDisconnect = new(Find("sshd.received-disconnect"));
    private static readonly Guarded MaxAuthTries = new(Find("sshd.max-auth-tries"));
    private static readonly MessageSignature DisconnectingTooMany = Find("sshd.disconnecting-too-many");
    private static readonly Guarded Accepted = new(Find("sshd.accepted"));
    private static readonly Guarded PamUnixFailure = new(Find("sshd.pam-unix-failure"));
    private static readonly Guarded SessionOpened = new(Find("sshd.session-opened"));
    private static readonly Guarded SessionClosed = new(Find("sshd.session-closed"));
    private static readonly Guarded UnableToNegotiate = new(Find("sshd.unable-to-negotiate"));
    private static readonly Guarded KexExchangeIdentification = new(Find("sshd.kex-exchange-identification"));
    private static readonly Guarded BannerExchange = new(Find("sshd.banner-exchange"));
    private static readonly Guarded TimeoutBeforeAuth = new(Find("sshd.timeout-before-auth"));
    private static readonly Guarded NotAllowed = new(Find("sshd.not-allowed"));
    private static readonly Guarded PamAuthenticationFailure = new(Find("sshd.pam-authentication-failure"));

    /// <summary>What an address token may hold (<c>[\w.:%-]</c> on ASCII): IPv4, IPv6 with a zone, or a host name.</summary>
    private static readonly SearchValues<char> IpChars = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:%-");

    /// <summary>True with the signature and groups when the message has one of the common plain shapes; false: ask the table.</summary>
    /// <param name="printable">The caller knows the message is printable ASCII (its line came from such a slice): not checked again.</param>
    public static bool TryRead(ReadOnlySpan<char> m, out CommonMatch match, bool printable = false)
    {
        match = default;
        if (m.Length < 16 || (!printable && m.ContainsAnyExceptInRange((char)0x20, (char)0x7E)))
        {
            return false;
        }

        switch (m[0])
        {
            case 'F':
                return Failed(m, out match);
            case 'I':
                return Invalid(m, out match);
            case 'C':
                return Lit(m, 0, "Connection closed by ") > 0 ? Closed(m, "Connection closed by ".Length, ConnectionClosed, out match)
                    : Lit(m, 0, "Connection reset by ") > 0 && Closed(m, "Connection reset by ".Length, ConnectionReset, out match);
            case 'D':
                return Lit(m, 0, "Disconnected from ") > 0 ? Closed(m, "Disconnected from ".Length, Disconnected, out match) : TooMany(m, out match);
            case 'R':
                return Received(m, out match);
            case 'm':
                return MaxTries(m, out match);
            case 'A':
                return AcceptedLogin(m, out match);
            case 'p':
                return Pam(m, out match);
            case 'U':
                return m[1] == 's' ? UserNotAllowed(m, out match) : Negotiate(m, out match);
            case 'k':
                return KexIdentification(m, out match);
            case 'b':
                return Banner(m, out match);
            case 'T':
                return Timeout(m, out match);
            case 'P':
                return PamFailure(m, out match);
            default:
                return false;
        }
    }

    /// <summary>
    /// The anchors of the signatures before <paramref name="signature"/> in the table that are not tied to a literal start:
    /// when the free text of a message (a key, a disconnect reason) holds one, an earlier signature might match the
    /// line first, and the line goes to the table.
    /// </summary>
    private static AnchorSet EarlierFloatingAnchors(MessageSignature signature) =>
        new(SignatureTable.Server.TakeWhile(s => s != signature).Where(s => PatternPrefix.Of(s.Pattern).Length == 0).Select(s => s.Anchor));

    /// <summary>True when the free text from <paramref name="start"/> on holds none of the anchors that could let an earlier signature match.</summary>
    private static bool Plain(ReadOnlySpan<char> m, int start, Guarded signature) => !signature.Guard.IsFoundIn(m[start..]);

    private static MessageSignature Find(string name) =>
        SignatureTable.Server.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"signature {name} is not in the table");

    /// <summary><c>Failed password|publickey for [invalid user ]U from A port P[ ssh2[: KEY]]</c>.</summary>
    private static bool Failed(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Failed password for ");
        var password = i > 0;
        if (!password && (i = Lit(m, 0, "Failed publickey for ")) < 0)
        {
            return false;
        }

        var invalid = Optional(m, ref i, "invalid user ");

        if (!Word(m, ref i, out var user) || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip)
            || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port) || !AuthTail(m, i))
        {
            return false;
        }

        var signature = password ? (invalid ? FailedPasswordInvalid : FailedPassword) : (invalid ? FailedPublickeyInvalid : FailedPublickey);
        if (!Plain(m, i, signature))
        {
            return false;
        }

        match = new CommonMatch(signature.Signature, ip, user, port);
        return true;
    }

    /// <summary><c>Invalid user U from A port P</c>.</summary>
    private static bool Invalid(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Invalid user ");
        if (i < 0 || !Word(m, ref i, out var user) || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip)
            || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port) || i != m.Length)
        {
            return false;
        }

        match = new CommonMatch(InvalidUser, ip, user, port);
        return true;
    }

    /// <summary><c>Connection closed by|Connection reset by|Disconnected from [invalid user U |authenticating user U |user U ]A port P</c>.</summary>
    private static bool Closed(ReadOnlySpan<char> m, int i, MessageSignature signature, out CommonMatch match)
    {
        match = default;
        var user = None;
        if (Optional(m, ref i, "invalid user ") || Optional(m, ref i, "authenticating user ") || Optional(m, ref i, "user "))
        {
            if (!Word(m, ref i, out user) || (i = Lit(m, i, " ")) < 0)
            {
                return false;
            }
        }

        if (!IpToken(m, ref i, out var ip) || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port) || i != m.Length)
        {
            return false;
        }

        match = new CommonMatch(signature, ip, user, port);
        return true;
    }

    /// <summary><c>Disconnecting authenticating|invalid user U A port P: Too many authentication failures</c>.</summary>
    private static bool TooMany(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Disconnecting authenticating user ");
        if (i < 0 && (i = Lit(m, 0, "Disconnecting invalid user ")) < 0)
        {
            return false;
        }

        if (!Word(m, ref i, out var user) || (i = Lit(m, i, " ")) < 0 || !IpToken(m, ref i, out var ip)
            || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port)
            || (i = Lit(m, i, ": Too many authentication failures")) < 0 || i != m.Length)
        {
            return false;
        }

        match = new CommonMatch(DisconnectingTooMany, ip, user, port);
        return true;
    }

    /// <summary><c>Received disconnect from A port P:CODE: REASON</c>.</summary>
    private static bool Received(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Received disconnect from ");
        if (i < 0 || !IpToken(m, ref i, out var ip) || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port) || (i = Lit(m, i, ":")) < 0)
        {
            return false;
        }

        if (i < m.Length && m[i] == ' ')
        {
            i++;
        }

        var digits = i;
        while (i < m.Length && char.IsAsciiDigit(m[i]))
        {
            i++;
        }

        if (i == digits || Lit(m, i, ": ") < 0 || !Plain(m, i, ReceivedDisconnect))
        {
            return false;
        }

        match = new CommonMatch(ReceivedDisconnect.Signature, ip, None, port);
        return true;
    }

    /// <summary><c>maximum authentication attempts exceeded for [invalid user ]U from A port P...</c>.</summary>
    private static bool MaxTries(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "maximum authentication attempts exceeded for ");
        if (i < 0)
        {
            return false;
        }

        Optional(m, ref i, "invalid user ");

        if (!Word(m, ref i, out var user) || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip)
            || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port) || !Plain(m, i, MaxAuthTries))
        {
            return false;
        }

        match = new CommonMatch(MaxAuthTries.Signature, ip, user, port);
        return true;
    }

    /// <summary><c>Accepted METHOD for U from A port P[ ssh2][: KEY]</c>.</summary>
    private static bool AcceptedLogin(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Accepted ");
        if (i < 0 || !Word(m, ref i, out _) || (i = Lit(m, i, " for ")) < 0 || !Word(m, ref i, out var user)
            || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip) || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port))
        {
            return false;
        }

        var s = Lit(m, i, " ssh2");
        if (s > 0)
        {
            i = s;
        }

        var k = Lit(m, i, ": ");
        if (i != m.Length && !(k > 0 && k < m.Length && Plain(m, k, Accepted)))
        {
            return false;
        }

        match = new CommonMatch(Accepted.Signature, ip, user, port);
        return true;
    }

    /// <summary>
    /// <c>pam_unix(sshd:auth): authentication failure; ... rhost=A  user=U</c> and
    /// <c>pam_unix(sshd:session): session opened for user U(uid=...)</c>, <c>... session closed for user U</c>.
    /// </summary>
    private static bool Pam(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "pam_unix(sshd:session): session ");
        if (i > 0)
        {
            var signature = Optional(m, ref i, "opened for user ") ? SessionOpened : Optional(m, ref i, "closed for user ") ? SessionClosed : null;
            if (signature is null)
            {
                return false;
            }

            var start = i;
            while (i < m.Length && m[i] is not (' ' or '('))
            {
                i++;
            }

            if (i == start || !Plain(m, start, signature))
            {
                return false;
            }

            match = new CommonMatch(signature.Signature, None, start..i, -1);
            return true;
        }

        i = Lit(m, 0, "pam_unix(sshd:auth): authentication failure;");
        if (i < 0)
        {
            return false;
        }

        var rhost = m[i..].IndexOf("rhost=", StringComparison.Ordinal);
        if (rhost < 0 || !Plain(m, i, PamUnixFailure))
        {
            return false;
        }

        i += rhost + "rhost=".Length;
        var ipStart = i;
        while (i < m.Length && m[i] != ' ')
        {
            i++;
        }

        var ip = ipStart..i;
        var user = None;
        var spaces = i;
        while (i < m.Length && m[i] == ' ')
        {
            i++;
        }

        var u = Lit(m, i, "user=");
        if (i > spaces && u > 0 && u < m.Length && m[u] != ' ')
        {
            var end = u;
            while (end < m.Length && m[end] != ' ')
            {
                end++;
            }

            user = u..end;
        }

        match = new CommonMatch(PamUnixFailure.Signature, ip, user, -1);
        return true;
    }

    /// <summary>
    /// <c>Unable to negotiate with A port P: no matching WHAT found. Their offer: ...</c>, for the four WHATs whose
    /// diagnosis <see cref="FailureId"/> knows; the first <c> found.</c> must be followed by the offer.
    /// </summary>
    private static bool Negotiate(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Unable to negotiate with ");
        if (i < 0 || !IpToken(m, ref i, out var ip) || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port)
            || (i = Lit(m, i, ": no matching ")) < 0 || i + 1 >= m.Length)
        {
            return false;
        }

        var found = m[(i + 1)..].IndexOf(" found.", StringComparison.Ordinal);
        if (found < 0)
        {
            return false;
        }

        var what = m[i..(i + 1 + found)];
        var k = i + 1 + found + " found.".Length;
        if (k < m.Length && m[k] == ' ')
        {
            k++;
        }

        var diagnosis = FailureId.Algorithm(what);
        if (diagnosis is null || Lit(m, k, "Their offer: ") < 0 || !Plain(m, 0, UnableToNegotiate))
        {
            return false;
        }

        match = new CommonMatch(UnableToNegotiate.Signature, ip, None, port) { DiagnosisId = diagnosis };
        return true;
    }

    /// <summary><c>kex_exchange_identification: REASON</c> (no groups the tally keeps).</summary>
    private static bool KexIdentification(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "kex_exchange_identification: ");
        if (i < 0 || i >= m.Length || !Plain(m, 0, KexExchangeIdentification))
        {
            return false;
        }

        match = new CommonMatch(KexExchangeIdentification.Signature, None, None, -1);
        return true;
    }

    /// <summary><c>banner exchange: Connection from A port P: REASON</c>.</summary>
    private static bool Banner(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "banner exchange: Connection from ");
        if (i < 0 || !IpToken(m, ref i, out var ip) || (i = Lit(m, i, " port ")) < 0 || !Port(m, ref i, out var port)
            || (i = Lit(m, i, ": ")) < 0 || i >= m.Length || !Plain(m, 0, BannerExchange))
        {
            return false;
        }

        match = new CommonMatch(BannerExchange.Signature, ip, None, port);
        return true;
    }

    /// <summary><c>Timeout before authentication for [connection from ]A[ ...]</c>; the table captures no port.</summary>
    private static bool Timeout(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "Timeout before authentication for ");
        if (i < 0)
        {
            return false;
        }

        Optional(m, ref i, "connection from ");

        if (!IpToken(m, ref i, out var ip) || !Plain(m, 0, TimeoutBeforeAuth))
        {
            return false;
        }

        match = new CommonMatch(TimeoutBeforeAuth.Signature, ip, None, -1);
        return true;
    }

    /// <summary><c>User U from A not allowed because REASON</c>.</summary>
    private static bool UserNotAllowed(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "User ");
        if (i < 0 || !Word(m, ref i, out var user) || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip)
            || (i = Lit(m, i, " not allowed because ")) < 0 || i >= m.Length || !Plain(m, 0, NotAllowed))
        {
            return false;
        }

        match = new CommonMatch(NotAllowed.Signature, ip, user, -1);
        return true;
    }

    /// <summary><c>PAM: Authentication failure for U from A</c>, one-word user, the address last.</summary>
    private static bool PamFailure(ReadOnlySpan<char> m, out CommonMatch match)
    {
        match = default;
        var i = Lit(m, 0, "PAM: Authentication failure for ");
        if (i < 0 || !Word(m, ref i, out var user) || (i = Lit(m, i, " from ")) < 0 || !IpToken(m, ref i, out var ip) || i != m.Length
            || !Plain(m, 0, PamAuthenticationFailure))
        {
            return false;
        }

        match = new CommonMatch(PamAuthenticationFailure.Signature, ip, user, -1);
        return true;
    }

    /// <summary>
    /// What the table's auth-log tail accepts after the port, in the plain shapes only: nothing, <c> ssh2</c>, or
    /// <c> ssh2: KEY</c>.
    /// </summary>
    private static bool AuthTail(ReadOnlySpan<char> m, int i)
    {
        if (i == m.Length)
        {
            return true;
        }

        var s = Lit(m, i, " ssh2");
        return s > 0 && (s == m.Length || Lit(m, s, ": ") > 0);
    }

    /// <summary>The index after <paramref name="literal"/> when the message has it at <paramref name="at"/>, else -1.</summary>
    private static int Lit(ReadOnlySpan<char> m, int at, string literal) =>
        at <= m.Length && m[at..].StartsWith(literal, StringComparison.Ordinal) ? at + literal.Length : -1;

    /// <summary>Steps past <paramref name="literal"/> when the text at <paramref name="i"/> starts with it; true if it did.</summary>
    private static bool Optional(ReadOnlySpan<char> m, ref int i, string literal)
    {
        var after = Lit(m, i, literal);
        if (after < 0)
        {
            return false;
        }

        i = after;
        return true;
    }

    /// <summary>One or more characters up to the next space (<c>\S+</c> on printable ASCII).</summary>
    private static bool Word(ReadOnlySpan<char> m, ref int i, out Range word)
    {
        var start = i;
        var space = m[i..].IndexOf(' ');
        var end = space < 0 ? m.Length : i + space;
        word = start..end;
        i = end;
        return end > start;
    }

    /// <summary>The table's address token <c>[\w.:%-]+</c> on ASCII, which must end at a space or the end.</summary>
    private static bool IpToken(ReadOnlySpan<char> m, ref int i, out Range ip)
    {
        var start = i;
        var end = m[i..].IndexOfAnyExcept(IpChars);
        i = end < 0 ? m.Length : i + end;
        ip = start..i;
        return i > start && (i == m.Length || m[i] == ' ');
    }

    /// <summary><c>\d+</c>, at most 9 digits (what fits an int either way).</summary>
    private static bool Port(ReadOnlySpan<char> m, ref int i, out int port)
    {
        port = 0;
        var start = i;
        while (i < m.Length && char.IsAsciiDigit(m[i]))
        {
            port = (port * 10) + (m[i] - '0');
            i++;
        }

        return i > start && i - start <= 9;
    }

    /// <summary>A signature read here with the anchors its free text must not hold (see <see cref="EarlierFloatingAnchors"/>), found once.</summary>
    private sealed class Guarded(MessageSignature signature)
    {
        public MessageSignature Signature { get; } = signature;

        public AnchorSet Guard { get; } = EarlierFloatingAnchors(signature);
    }
}
