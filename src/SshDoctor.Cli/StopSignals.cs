using System.Runtime.InteropServices;

namespace SshDoctor.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM turned into a cancellation, for a command that keeps what it did when stopped
/// (<c>scan</c>): the signal does not end the process, <see cref="Token"/> is cancelled, and <see cref="ExitCode"/>
/// says which signal came (130 or 143, as a shell reports a process the signal ended). A second signal cannot end it
/// sooner: what is written after the first is short and bounded.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signal;

    public StopSignals()
    {
        // Not Console.CancelKeyPress: it sets the terminal up as the runtime's console does (see StandardStream).
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that stopped the command ("SIGINT", "SIGTERM"), or null.</summary>
    public string? Received => Volatile.Read(ref _signal) switch
    {
        2 => "SIGINT",
        15 => "SIGTERM",
        _ => null,
    };

    /// <summary>The exit code for the signal received (<see cref="ExitCodes.Interrupted"/>, <see cref="ExitCodes.Terminated"/>), or null.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) switch
    {
        2 => ExitCodes.Interrupted,
        15 => ExitCodes.Terminated,
        _ => null,
    };

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGINT ? 2 : 15, 0);
        _stop.Cancel();
    }
}
