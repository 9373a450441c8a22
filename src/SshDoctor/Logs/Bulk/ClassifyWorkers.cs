using System.Collections.Concurrent;

namespace SshDoctor.Logs.Bulk;

/// <summary>Threads that classify offered blocks in the order offered, skipping those another thread claimed first.</summary>
internal sealed class ClassifyWorkers : IDisposable
{
    private readonly ConcurrentQueue<ClassifyJob> _offered = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Thread[] _threads;
    private volatile bool _stopping;

    public ClassifyWorkers(int count)
    {
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "ssh-doctor classify" };
            _threads[i].Start();
        }
    }

    public void Offer(ClassifyJob job)
    {
        if (_threads.Length == 0)
        {
            return;
        }

        _offered.Enqueue(job);
        _available.Release();
    }

    public void Dispose()
    {
        _stopping = true;
        if (_threads.Length > 0)
        {
            _available.Release(_threads.Length);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _available.Dispose();
    }

    private void Work()
    {
        while (true)
        {
            _available.Wait();
            if (_stopping)
            {
                return;
            }

            if (_offered.TryDequeue(out var job))
            {
                job.TryRun();
            }
        }
    }
}
