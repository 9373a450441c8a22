using System.Text;
using SshDoctor.Ssh.Transport;
using SshDoctor.Ssh.Wire;

namespace SshDoctor.IntegrationTests.Probing.Infrastructure;

/// <summary>One encrypted connection of <see cref="ScriptedSshServer"/>, after NEWKEYS.</summary>
internal sealed class ScriptedSshConnection(PacketChannel channel)
{
    public Task SendAsync(byte[] payload, CancellationToken cancellationToken) => channel.SendAsync(payload, cancellationToken);

    /// <summary>Answers the service request, then passes each USERAUTH_REQUEST to the script until the client leaves.</summary>
    internal async Task ServeAsync(Func<ScriptedSshConnection, byte[], CancellationToken, Task> onUserAuthRequest, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ScriptedSshServer.ReceiveAsync(channel, cancellationToken);
            switch (message[0])
            {
                case SshMessageNumber.ServiceRequest:
                    await SendAsync(new SshWriter().WriteByte(SshMessageNumber.ServiceAccept).WriteString("ssh-userauth").ToArray(), cancellationToken);
                    break;
                case SshMessageNumber.UserAuthRequest:
                    await onUserAuthRequest(this, message, cancellationToken);
                    break;
                case SshMessageNumber.Disconnect:
                    return;
            }
        }
    }

    /// <summary>USERAUTH_FAILURE with these methods.</summary>
    public Task FailAsync(IEnumerable<string> methods, CancellationToken cancellationToken) =>
        SendAsync(new SshWriter().WriteByte(SshMessageNumber.UserAuthFailure).WriteNameList(methods).WriteBoolean(false).ToArray(), cancellationToken);

    /// <summary>The method name of a USERAUTH_REQUEST payload.</summary>
    public static string Method(byte[] request)
    {
        var reader = new SshReader(request.AsSpan(1));
        reader.ReadString();
        reader.ReadString();
        return Encoding.ASCII.GetString(reader.ReadString());
    }
}
