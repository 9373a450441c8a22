using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SshDoctor.Audit;

/// <summary>
/// Every program ssh-doctor starts (sshd -T, ssh -G, iptables-save ...) runs in a process group of its own — through
/// util-linux <c>setsid</c>, which calls setsid(2) and execs the program, so the child's pid is its group's id — and the
/// whole group is killed on every way out: its deadline, its end (whatever it left running in the background), the
/// end of ssh-doctor, and SIGINT, SIGTERM, SIGHUP or SIGQUIT sent to ssh-doctor. Without <c>setsid</c> (not a Linux
/// with util-linux) a child is started as it is and its tree is killed by pid.
/// </summary>
public static class ProcessGroups
{
    private const int SigKill = 9;
    private static readonly string? Setsid = FindSetsid();
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static readonly Lock Gate = new();

    // Starts share it (they run side by side, ssh -V beside ssh -G); KillAll takes it alone, so a child between fork and
    // being recorded in Live is never missed, and after KillAll nothing new starts.
    private static readonly ReaderWriterLockSlim StartOrKill = new(LockRecursionPolicy.NoRecursion);
    private static bool _stopping;
    private static List<PosixSignalRegistration>? _registrations;

    /// <summary>True when children get a process group of their own (setsid is installed).</summary>
    public static bool Isolated => Setsid is not null;

    /// <summary>The start info that runs <paramref name="program"/> with <paramref name="arguments"/> in a new process group.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Setsid ?? program) { UseShellExecute = false };
        if (Setsid is not null)
        {
            info.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>
    /// Starts the process and keeps it to be killed on ssh-doctor's way out; release it with <see cref="End"/>.
    /// Throws <see cref="InvalidOperationException"/> once ssh-doctor is being stopped.
    /// </summary>
    public static void Start(Process process)
    {
        InstallHandlers();
        StartOrKill.EnterReadLock();
        try
        {
            if (Volatile.Read(ref _stopping))
            {
                throw new InvalidOperationException(StoppingMessage);
            }

            process.Start();
            Live[process.Id] = process;
        }
        finally
        {
            StartOrKill.ExitReadLock();
        }
    }

    /// <summary>What a program that was not started because ssh-doctor is being stopped reports.</summary>
    public const string StoppingMessage = "not started: ssh-doctor is being stopped";

    /// <summary>Kills the process's group (or tree) and forgets it: after its deadline, or once it ended, for what it left behind.</summary>
    public static void End(Process process)
    {
        int id;
        try
        {
            id = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        Kill(id, process);
        Live.TryRemove(id, out _);
    }

    private static void Kill(int id, Process process)
    {
        if (Setsid is not null && NativeUnix.Kill(-id, SigKill))
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It ended meanwhile.
        }
    }

    /// <summary>Kills every group still running: ssh-doctor is going away.</summary>
    public static void KillAll()
    {
        StartOrKill.EnterWriteLock();
        try
        {
            Volatile.Write(ref _stopping, true);
            foreach (var (id, process) in Live)
            {
                Kill(id, process);
            }
        }
        finally
        {
            StartOrKill.ExitWriteLock();
        }
    }

    private static void InstallHandlers()
    {
        lock (Gate)
        {
            if (_registrations is not null)
            {
                return;
            }

            _registrations = [];
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return;
            }

            // Not cancelled: the signal still ends ssh-doctor as it would have, its children first.
            foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT])
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, _ => KillAll()));
            }
        }
    }

    private static string? FindSetsid()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return ((string[])["/usr/bin/setsid", "/bin/setsid"]).FirstOrDefault(File.Exists);
    }
}
