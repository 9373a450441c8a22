using SshDoctor.Diagnosis.Knowledge;
using SshDoctor.Diagnosis.Observations;
using SshDoctor.Logs;
using static SshDoctor.Diagnosis.DiagnosisIds;
using static SshDoctor.Logs.Signatures.EventNames;

namespace SshDoctor.Diagnosis.Rules;

/// <summary>
/// A refused login as clients other than OpenSSH's ssh print it (PuTTY/plink, …): no <c>Permission denied (…)</c>
/// line, but <c>Server refused our key</c>, <c>No supported authentication methods available (server sent: …)</c>,
/// <c>Access denied</c>, or plink's <c>-batch</c> refusing the password prompt that came next. Ranked as
/// <see cref="AuthFailureRule"/> ranks ssh's: the server never says why it refused a key.
/// </summary>
public sealed class OtherClientAuthRule : IRule
{
    public IReadOnlyList<string> Produces { get; } =
    [
        AuthPublicKeyNotAuthorized, AuthPublicKeyDisabled, AuthNoSupportedMethods, AuthPasswordDisabled, AuthPasswordWrong,
        AuthRootRefused, AuthNotAllowed, KeySignatureAlgorithm,
    ];

    public IEnumerable<Diagnosis> Evaluate(ObservationSet evidence)
    {
        foreach (var session in evidence.Sessions)
        {
            var endings = session.Events.Where(e => e.Kind is ClientKeyRefused.Name or PuttySignatureRefused.Name or ClientPasswordRefused.Name
                or PuttyBatchPrompt.Name or ClientNoSupportedMethods.Name).ToList();
            if (endings.Count == 0 || session.Authenticated || session.Has(ClientPermissionDenied.Name)
                || session.Events.Any(e => e.Kind == ClientReceivedDisconnect.Name && DisconnectReasons.IsTooManyFailures(e[ClientReceivedDisconnect.Reason])))
            {
                continue;
            }

            var hop = session.Index > 0 ? SignatureRule.HopName(evidence, session.Index) : null;
            var noMethods = session.Last(ClientNoSupportedMethods.Name);
            var methods = noMethods?[ClientNoSupportedMethods.Methods] is { } sent ? ClientSession.SplitList(sent) : [];
            var lines = endings.TakeLast(6).Select(EvidenceOf.Line).ToList();
            var user = session.User;
            (string, string?)[] values = [("user", user), ("host", session.Host), ("methods", methods.Count > 0 ? string.Join(",", methods) : null),
                ("port", session.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("key", session.Last(PuttyReadingKey.Name)?[PuttyReadingKey.File])];
            foreach (var d in Judge(session, noMethods, methods, user, lines, values))
            {
                yield return d with { Hop = hop };
            }
        }
    }

    private static IEnumerable<Diagnosis> Judge(ClientSession session, LogEvent? noMethods, IReadOnlyList<string> methods, string? user, List<Evidence> lines, (string, string?)[] values)
    {
        string[] keyCauses = user == "root"
            ? [AuthPublicKeyServerModes, AuthWrongUser, AuthNotAllowed, AuthRootRefused]
            : [AuthPublicKeyServerModes, AuthWrongUser, AuthNotAllowed];
        if (session.Has(PuttySignatureRefused.Name))
        {
            // The key was accepted, its signature then refused: what PermitRootLogin does (checked after the key),
            // or a signature algorithm the server will not take.
            var isRoot = user == "root";
            yield return Diagnosis.Create(isRoot ? AuthRootRefused : AuthNotAllowed, isRoot ? Certainty.Likely : Certainty.Possible, lines, values) with { Alternatives = [KeySignatureAlgorithm] };
            yield return Diagnosis.Create(KeySignatureAlgorithm, Certainty.Possible, lines, values) with { Rank = 2 };
            if (user is null)
            {
                // Plain output does not name the user: it may be root.
                yield return Diagnosis.Create(AuthRootRefused, Certainty.Possible, lines, values) with { Rank = 3 };
            }
        }
        else if (session.Has(ClientPasswordRefused.Name))
        {
            string[] others = user == "root" ? [AuthRootRefused, AuthWrongUser] : [AuthWrongUser];
            yield return Diagnosis.Create(AuthPasswordWrong, Certainty.Likely, lines, values) with { Alternatives = others };
        }
        else if (session.Has(ClientKeyRefused.Name))
        {
            yield return Diagnosis.Create(AuthPublicKeyNotAuthorized, Certainty.Likely, lines, values) with { Alternatives = keyCauses };
            var rank = 1;
            foreach (var cause in keyCauses)
            {
                yield return Diagnosis.Create(cause, Certainty.Possible, lines.Take(1), values) with { Rank = rank++ };
            }
        }
        else if (noMethods is not null && methods.Count > 0 && !methods.Contains("publickey"))
        {
            yield return Diagnosis.Create(AuthPublicKeyDisabled, Certainty.Proven, lines, values);
        }
        else if (noMethods is not null)
        {
            // The server wants a key (or another method the client lacks) and the client had none to give.
            yield return Diagnosis.Create(AuthNoSupportedMethods, Certainty.Proven, lines, values) with { Alternatives = [AuthPasswordDisabled] };
            if (methods.Count > 0 && !methods.Contains("password") && !methods.Contains("keyboard-interactive"))
            {
                yield return Diagnosis.Create(AuthPasswordDisabled, Certainty.Possible, lines, values) with { Rank = 1 };
            }
        }
        else if (session.Has(PuttyReadingKey.Name) && !session.Has(PuttyOfferedKey.Name))
        {
            // -v: the key file was read but never offered, and a password prompt came instead: the server does not take keys.
            yield return Diagnosis.Create(AuthPublicKeyDisabled, Certainty.Likely, lines, values);
        }
        else
        {
            // Plain -batch output: a password prompt came and no key was refused on screen.
            yield return Diagnosis.Create(AuthPublicKeyNotAuthorized, Certainty.Likely, lines, values) with { Alternatives = [AuthPublicKeyDisabled, .. keyCauses] };
            yield return Diagnosis.Create(AuthPublicKeyDisabled, Certainty.Possible, lines.Take(1), values) with { Rank = 1 };
        }
    }
}
