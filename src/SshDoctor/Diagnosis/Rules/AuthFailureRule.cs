using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using SshDoctor.Ssh;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// <c>Permission denied (METHODS)</c> from the client's side. sshd never tells the client why a key was refused
/// (reference §1.10), so from the client log alone this rule ranks the possible causes and names what would decide;
/// when the server's log is there and names the cause, that line proves it and the guesses are dropped.
/// </summary>
public sealed class AuthFailureRule : IRule
{
    /// <summary>Server-log ids that explain a refused login on their own.</summary>
    private static readonly HashSet<string> ServerAuthCauses = new(StringComparer.Ordinal)
    {
        AuthPublicKeyServerModes, AuthPublicKeySelinux, AuthWrongUser, AuthNotAllowed, AuthRootRefused,
        KeySignatureAlgorithm, AuthPublicKeyNotAuthorized, AuthPasswordWrong, AuthTooManyFailures, KeyWeak,
    };

    public IReadOnlyList<string> Produces { get; } =
    [
        AuthPublicKeyNotAuthorized, AuthPublicKeyServerModes, AuthPublicKeyDisabled, AuthWrongUser, AuthNotAllowed,
        AuthRootRefused, AuthPasswordDisabled, KeySignatureAlgorithm, AuthPublicKeySelinux, KeyWeak,
        AuthPasswordWrong, AuthNoSupportedMethods, KeyAgentSignFailed,
    ];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var denied = session.Last(ClientPermissionDenied.Name) ?? session.Last(ClientPermissionDeniedRetry.Name);
            if (denied is null || session.Authenticated)
            {
                continue;
            }

            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var user = session.User ?? denied[AnyEvent.User];
            var serverProved = session.Index == 0 && evidence.ServerAbout(user)
                .Any(e => e.DiagnosisId is { } id && ServerAuthCauses.Contains(id) && !evidence.ConnectionSucceeded(e));
            foreach (var d in FromServerOnlyHints(evidence, session, user, hop))
            {
                yield return d;
            }

            if (serverProved)
            {
                continue;
            }

            foreach (var d in FromClientLog(session, denied, user, hop))
            {
                yield return d;
            }
        }

        if (evidence.Sessions.Count == 0)
        {
            // Only the server's log: authorized_keys it could not open (SELinux labels, or modes a StrictModes check did not name).
            foreach (var e in evidence.ServerEvents.Where(e => e.Kind == SshdCannotOpenKeys.Name && e[SshdCannotOpenKeys.Reason] is { } r && r.Contains("Permission denied", StringComparison.Ordinal) && !evidence.ConnectionSucceeded(e)))
            {
                yield return Diagnosis.Create(AuthPublicKeySelinux, Certainty.Likely, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Alternatives = [AuthPublicKeyServerModes] };
                yield return Diagnosis.Create(AuthPublicKeyServerModes, Certainty.Possible, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Rank = 1 };
            }
        }

        foreach (var d in FromProbe(evidence))
        {
            yield return d;
        }
    }

    /// <summary>The probe's answers: the methods the server allows, its answer to each key query, a refused signed login.</summary>
    private static IEnumerable<Diagnosis> FromProbe(ObservationSet evidence)
    {
        foreach (var o in evidence.Probed)
        {
            switch (o)
            {
                case RsaSha1Refused refused:
                    yield return o.Diagnose(KeySignatureAlgorithm, Certainty.Proven,
                        [Observation.Seen($"{refused.Key} → rejected as {refused.Refused}, the only RSA signature your ssh allows (PubkeyAcceptedAlgorithms); accepted (PK_OK) as {refused.Stronger}")],
                        ("key", refused.KeyFile), ("algorithm", refused.Refused));
                    break;
                case KeysQueried queried when Queried(queried, evidence.Observed<OtherKeyAccepted>().FirstOrDefault(a => a.Hop == queried.Hop)) is { } d:
                    yield return d;
                    break;
                case MethodsPreferred preferred when Preferred(preferred) is { } d:
                    yield return d;
                    break;
                case SignedLoginFailed failed:
                    if (failed.AgentRefusedToSign is { } why)
                    {
                        yield return o.Diagnose(KeyAgentSignFailed, Certainty.Proven, [Observation.Seen($"{failed.Key} → PK_OK to the query, but the agent refused to sign: {why}")], ("key", failed.KeyFile));
                    }

                    if (failed.Rejected && !failed.PartialSuccess && o.Subject.IsRoot)
                    {
                        // sshd answers the query before PermitRootLogin is checked (reference §6): the refusal after the signature is that check.
                        yield return o.Diagnose(AuthRootRefused, Certainty.Likely, [Observation.Seen($"{failed.Key} → PK_OK to the query, USERAUTH_FAILURE to the signed request as root")]);
                    }

                    break;
            }
        }
    }

    private static Diagnosis? Queried(KeysQueried q, OtherKeyAccepted? other)
    {
        var methodsText = AllowedText(q.Subject, q.Methods);
        if (!q.Methods.Contains("publickey"))
        {
            return q.PubkeyAuthentication || q.CandidateCount > 0 ? q.Diagnose(AuthPublicKeyDisabled, Certainty.Proven, [methodsText, .. q.KeyList]) : null;
        }

        if (q.CandidateCount == 0)
        {
            return q.Methods.Contains("password") || q.Methods.Contains("keyboard-interactive")
                ? null
                : q.Diagnose(AuthPasswordDisabled, Certainty.Proven, [methodsText, Observation.Local("no key to offer: " + q.NoKeysReason)]);
        }

        if (q.Accepted is not null)
        {
            return null;
        }

        // A refusal to a query proves the key was refused, not why: sshd answers the same for a key missing from
        // authorized_keys, StrictModes, AllowUsers or an unknown user (reference §1.10), so it is the likely reading,
        // with those as alternatives. Keys never asked (the connection ended) prove nothing.
        var answers = q.Answers.Select(v => Observation.Seen($"{v.Text} → {Word(v.Answer)}{(v.Detail.Length == 0 ? "" : $" ({v.Detail})")}"));
        var certainty = q.Answers.Any(v => v.Answer == KeyAnswer.Rejected) ? Certainty.Likely : Certainty.Possible;
        if (other is not null)
        {
            // The server takes another key of the user's for this account: the offered keys are the wrong ones (this
            // rules out StrictModes, AllowUsers and the account), and the fix can name the key that works.
            return q.Diagnose(AuthPublicKeyNotAuthorized, Certainty.Proven,
                [methodsText, .. answers, Observation.Seen($"{other.Key} → accepted (PK_OK): the server accepts this key of yours, which your ssh does not offer"), .. q.KeyList],
                ("key", other.KeyFile), ("accepted_key", other.KeyFile));
        }

        var gitHost = HostingPlatforms.IsGitHost(q.Subject.HostName) || HostingPlatforms.IsGitHost(q.Subject.Alias);
        return q.Diagnose(AuthPublicKeyNotAuthorized, gitHost ? Certainty.Possible : certainty, [methodsText, .. answers, .. q.CertificateChecks, .. q.KeyList],
            ("key", q.FirstKeyFile), ("certificate", q.Certificate), ("certificate_problem", q.CertificateProblem)) with
        {
            // On a git host HintRule names the cause; sshd's own settings there are not the user's to change.
            Alternatives = gitHost ? [] : RefusedKeyCauses.For(q.Subject.User),
            Rank = gitHost ? 1 : 0,
        };
    }

    /// <summary>
    /// PreferredAuthentications without publickey: none of the preferred methods allowed, or root with a password, which
    /// OpenSSH's default PermitRootLogin prohibit-password refuses (possible only: diagnose never sends a password).
    /// </summary>
    private static Diagnosis? Preferred(MethodsPreferred p)
    {
        string[] passwordMethods = ["password", "keyboard-interactive"];
        var text = Observation.Local($"your ssh tries only: {string.Join(',', p.Preferred)} (PreferredAuthentications)");
        var allowed = AllowedText(p.Subject, p.Allowed);
        if (!p.Preferred.Any(p.Allowed.Contains))
        {
            return p.Diagnose(p.Preferred.Any(passwordMethods.Contains) ? AuthPasswordDisabled : AuthNoSupportedMethods, Certainty.Proven, [text, allowed]);
        }

        return p.Subject.IsRoot && p.Preferred.Any(m => passwordMethods.Contains(m) && p.Allowed.Contains(m))
            ? p.Diagnose(AuthRootRefused, Certainty.Possible,
                [text, allowed, Observation.Seen("root with a password: OpenSSH's default PermitRootLogin prohibit-password refuses it (and logs it as a failed password); diagnose never sends a password, so this is not checked")])
            : null;
    }

    private static Evidence AllowedText(ProbeSubject subject, IReadOnlyList<string> methods) =>
        Observation.Seen($"the server allows: {(methods.Count == 0 ? "(nothing)" : RemoteText.Names(methods))} (answer to 'none' for {subject.User})");

    private static string Word(KeyAnswer answer) => answer switch
    {
        KeyAnswer.Accepted => "accepted (PK_OK)",
        KeyAnswer.Rejected => "rejected",
        _ => "not asked",
    };

    private static IEnumerable<Diagnosis> FromClientLog(ClientSession session, LogEvent denied, string? user, string? hop)
    {
        var methods = session.Methods;
        var offered = session.Keys.Where(k => k.Result is KeyResult.Rejected or KeyResult.Accepted or KeyResult.SigningFailed).ToList();
        var accepted = session.Keys.Where(k => k.Result is KeyResult.Accepted or KeyResult.SigningFailed).ToList();
        var keyLines = session.Events.Where(e => e.Kind is ClientOffering.Name or ClientTryingPrivateKey.Name or ClientServerAcceptsKey.Name or ClientMethods.Name).TakeLast(8);
        var evidence = keyLines.Append(denied).Select(EvidenceOf.Line).ToList();
        var host = session.Host ?? denied[AnyEvent.Host];
        // A fix pins a key only on evidence: the one the server accepted, or one the user named (-i, IdentityFile); otherwise it says KEY.
        var key = accepted.FirstOrDefault()?.Identity ?? session.Keys.FirstOrDefault(k => k.Explicit && !k.FromAgent)?.Identity;
        (string, string?)[] values = [("user", user), ("host", host), ("methods", string.Join(",", methods)), ("key", key), ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))];

        if (session.Events.Any(e => e.DiagnosisId is KeyAgentSignFailed or AuthTooManyFailures or KeyWrongPassphrase) || KeyFileRule.RepeatedPassphrasePrompts(session).Count > 0)
        {
            // The signing failure, the key that could not be decrypted or the disconnect is the cause; the denial is its consequence.
            yield break;
        }

        var passwordTried = session.Has(ClientPermissionDeniedRetry.Name)
            || session.Events.Any(e => e.Kind == ClientNextMethod.Name && e[ClientNextMethod.Method] is "password" or "keyboard-interactive");
        if (passwordTried)
        {
            // The server refused a password. It never says why: a wrong password, a user that does not exist (sshd
            // still asks), or root under PermitRootLogin prohibit-password, where even the right password fails.
            var lines = session.Events.Where(e => e.Kind is ClientPermissionDeniedRetry.Name or ClientPasswordPrompt.Name or ClientNextMethod.Name).TakeLast(4).Append(denied).Distinct().Select(EvidenceOf.Line).ToList();
            string[] others = user == "root" ? [AuthRootRefused, AuthWrongUser] : [AuthWrongUser];
            yield return Diagnosis.Create(AuthPasswordWrong, Certainty.Likely, lines, values) with { Hop = hop, Alternatives = others };
            var otherRank = 1;
            foreach (var other in others)
            {
                yield return Diagnosis.Create(other, Certainty.Possible, [EvidenceOf.Line(denied)], values) with { Hop = hop, Rank = otherRank++ };
            }

            yield break;
        }

        var hasPublicKey = methods.Contains("publickey");
        var hasPassword = methods.Contains("password") || methods.Contains("keyboard-interactive");
        if (methods.Count > 0 && session.PreferredMethods.Count > 0 && session.PreferredMethods.All(m => m is "password" or "keyboard-interactive")
            && !session.PreferredMethods.Any(methods.Contains))
        {
            // The command line asked for a password (-o PreferredAuthentications=password) and the server offers none.
            var command = session.First(ClientCommandLine.Name);
            yield return Diagnosis.Create(AuthPasswordDisabled, Certainty.Proven, command is null ? evidence : [EvidenceOf.Line(command), .. evidence], values) with { Hop = hop };
            yield break;
        }

        if (methods.Count > 0 && !hasPublicKey)
        {
            yield return Diagnosis.Create(AuthPublicKeyDisabled, Certainty.Proven, evidence, values) with { Hop = hop };
            yield break;
        }

        // Keys the client itself would not use: a DSA key (weak, off by default since 7.0), an RSA key only as ssh-rsa.
        var skippingLines = session.OfKind(ClientSkippingKey.Name).DistinctBy(e => e.Where).ToDictionary(e => e.Where, StringComparer.Ordinal);
        foreach (var skipped in session.Keys.Where(k => k.Result == KeyResult.Skipped))
        {
            var line = skipped.Where is { } at && skippingLines.TryGetValue(at, out var skipping) ? skipping : denied;
            yield return Diagnosis.Create(KeyFileRule.IsDsa(skipped.Type) ? KeyWeak : KeySignatureAlgorithm, Certainty.Proven, [EvidenceOf.Line(line), EvidenceOf.Line(denied)], [.. values, ("key", skipped.Identity), ("type", skipped.Type)]) with { Hop = hop };
        }

        if (offered.Count == 0 && session.Keys.Any(k => k.Result == KeyResult.Skipped))
        {
            yield break;
        }

        var triedPublicKey = session.Events.Any(e => e.Kind == ClientNextMethod.Name && e[ClientNextMethod.Method] == "publickey");
        var verboseLog = session.Events.Any(e => e.IsDebug);
        if (verboseLog && hasPublicKey && !hasPassword && !triedPublicKey && offered.Count == 0 && session.Keys.Any(k => k.Fingerprint is not null))
        {
            // The client had keys but never tried them: it was told to prefer a password (PreferredAuthentications), which the server does not offer.
            yield return Diagnosis.Create(AuthPasswordDisabled, Certainty.Proven, evidence, values) with { Hop = hop };
            yield break;
        }

        if (accepted.Count > 0)
        {
            // PK_OK came back, yet login failed after the signature: refused after authentication, which is what
            // PermitRootLogin does (it is not checked at query time), or a signature the server would not take.
            var isRoot = user == "root";
            yield return Diagnosis.Create(isRoot ? AuthRootRefused : AuthNotAllowed, isRoot ? Certainty.Likely : Certainty.Possible, evidence, values) with
            {
                Hop = hop,
                Alternatives = [KeySignatureAlgorithm],
            };
            yield return Diagnosis.Create(KeySignatureAlgorithm, Certainty.Possible, evidence, values) with { Hop = hop, Rank = 2 };
            yield break;
        }

        if (HostingPlatforms.IsGitHost(host) && hasPublicKey)
        {
            // A git host: HintRule names the cause (the key is not in the account's settings); there is no sshd to
            // configure, no account to create and no authorized_keys to edit there.
            yield return Diagnosis.Create(AuthPublicKeyNotAuthorized, Certainty.Possible, evidence, values) with { Hop = hop, Rank = 1 };
            yield break;
        }

        if (offered.Count == 0 && !session.Keys.Any(k => k.Result == KeyResult.NotLoaded) && hasPublicKey && !hasPassword)
        {
            if (verboseLog)
            {
                // ssh had no key to offer and the server takes nothing else: it does not accept passwords. (PuTTY
                // says "No supported authentication methods available" here; ssh's users get ssh's advice.)
                yield return Diagnosis.Create(AuthPasswordDisabled, Certainty.Likely, evidence, values) with { Hop = hop };
                yield break;
            }
        }

        if (CloudImageUsers.ExpectedInstead(user, session.ServerSoftware) is { } imageUsers)
        {
            // ec2-user@ a machine whose SSH version names Ubuntu (or ubuntu@ one that names no Debian-family system):
            // the login name is another image's; the keys may be right.
            var version = session.First(ClientRemoteVersion.Name);
            var seen = new Evidence(EvidenceSource.ClientLog, $"the server's SSH version is '{session.ServerSoftware}': its images log in as {imageUsers}, not {user}");
            yield return Diagnosis.Create(AuthWrongUser, Certainty.Likely, [seen, .. version is null ? evidence : [EvidenceOf.Line(version), .. evidence]], values) with
            {
                Hop = hop,
                Alternatives = [AuthPublicKeyNotAuthorized],
            };
            yield return Diagnosis.Create(AuthPublicKeyNotAuthorized, Certainty.Possible, evidence, values) with { Hop = hop, Rank = 1 };
            yield break;
        }

        // Keys were offered and every one was refused (or plain output: we cannot see the keys).
        var alternatives = RefusedKeyCauses.For(user);
        yield return Diagnosis.Create(AuthPublicKeyNotAuthorized, Certainty.Likely, evidence, values) with { Hop = hop, Alternatives = alternatives };
        var rank = 1;
        foreach (var alternative in alternatives)
        {
            yield return Diagnosis.Create(alternative, Certainty.Possible, [EvidenceOf.Line(denied)], values) with { Hop = hop, Rank = rank++ };
        }

        if (!hasPassword && methods.Count > 0)
        {
            yield return Diagnosis.Create(AuthPasswordDisabled, Certainty.Possible, [EvidenceOf.Line(denied)], values) with { Hop = hop, Rank = rank };
        }
    }

    /// <summary>Server lines that are not proof alone but point at a cause: authorized_keys unreadable (SELinux or modes).</summary>
    private static IEnumerable<Diagnosis> FromServerOnlyHints(ObservationSet evidence, ClientSession session, string? user, string? hop)
    {
        if (session.Index != 0)
        {
            yield break;
        }

        foreach (var e in evidence.ServerAbout(user).Where(e => e.Kind == SshdCannotOpenKeys.Name && e[SshdCannotOpenKeys.Reason] is { } r && r.Contains("Permission denied", StringComparison.Ordinal)))
        {
            yield return Diagnosis.Create(AuthPublicKeySelinux, Certainty.Likely, [EvidenceOf.Line(e)], EvidenceOf.Values(e)) with { Hop = hop, Alternatives = [AuthPublicKeyServerModes] };
        }
    }
}
