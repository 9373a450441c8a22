using SshDoctor.Ssh.Auth;
using SshDoctor.Ssh.HostKeys;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.Ssh.Connection;

/// <summary>
/// RFC 4252 §7 public-key authentication with a signature: only for --login and for jump hosts, never during the
/// observing queries. Returns Accepted (USERAUTH_SUCCESS), Rejected (FAILURE after a valid signature, e.g.
/// PermitRootLogin) or Stopped.
/// </summary>
public static class SignedAuthentication
{
    /// <param name="offered">The key or certificate to present (default: the signer's key); a certificate is signed for by its key's signer.</param>
    public static async Task<AuthQueryResult> AuthenticateAsync(SshProbeSession session, string user, ISshSigner signer, CancellationToken cancellationToken, SshPublicKey? offered = null)
    {
        offered ??= signer.PublicKey;
        if (!session.IsOpen)
        {
            return new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = session.Failure };
        }

        var transport = session.Transport;
        try
        {
            return await StageRunner.RunAsync(ProbeStage.Authentication, transport.Limits.StageTimeout, async ct =>
            {
                await session.EnsureUserAuthServiceAsync(ct);
                var algorithm = PublicKeyAlgorithmChooser.Choose(offered.KeyType, session.ServerSignatureAlgorithms);
                var blob = offered.Blob.Span.ToArray();
                var signed = new SshWriter().WriteString(transport.SessionId!).WriteByte(SshMessageNumber.UserAuthRequest).WriteString(user)
                    .WriteString("ssh-connection").WriteString("publickey").WriteBoolean(true).WriteString(algorithm).WriteString(blob).ToArray();
                var signature = await signer.SignAsync(signed, PublicKeyAlgorithmChooser.SignatureAlgorithm(algorithm), ct);
                if (signature is null)
                {
                    return new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = new ProbeFailure(ProbeStage.Authentication, ProbeFailureKind.ProtocolError, $"signing with {signer.Identity} failed") };
                }

                await transport.SendAsync(new SshWriter().WriteByte(SshMessageNumber.UserAuthRequest).WriteString(user).WriteString("ssh-connection")
                    .WriteString("publickey").WriteBoolean(true).WriteString(algorithm).WriteString(blob).WriteString(signature).ToArray(), ct);
                var banner = transport.Banners;
                while (true)
                {
                    var reply = await transport.ReceiveMessageAsync(ct);
                    var reader = new SshReader(reply);
                    switch (reader.ReadByte())
                    {
                        case SshMessageNumber.UserAuthBanner:
                            banner.Add(reader.ReadString(), ProbeStage.Authentication);
                            continue;
                        case SshMessageNumber.UserAuthSuccess:
                            return new AuthQueryResult(AuthQueryOutcome.Accepted) { Algorithm = algorithm, BannerText = banner.Text };
                        case SshMessageNumber.UserAuthFailure:
                            return new AuthQueryResult(AuthQueryOutcome.Rejected) { AllowedMethods = reader.ReadNameList(), PartialSuccess = reader.ReadBoolean(), Algorithm = algorithm, BannerText = banner.Text };
                        default:
                            throw new SshProtocolException($"unexpected message {reply[0]} in answer to a signed publickey request");
                    }
                }
            }, cancellationToken);
        }
        catch (ProbeFailureException e)
        {
            session.Fail(e.Failure);
            return new AuthQueryResult(AuthQueryOutcome.Stopped) { Failure = e.Failure };
        }
    }
}
