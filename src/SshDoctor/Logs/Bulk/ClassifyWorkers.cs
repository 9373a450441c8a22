using System.Collections.Concurrent;

namespace SshDoctor.Logs.Bulk;

/// <summary>Threads that classify offered blocks in the order offered, skipping those another thread claimed first.</summary>
internal sealed class ClassifyWorkers : IDisposable
{
    private readonly ConcurrentQueue<ClassifyJob> offered = new();
    private readonly SemaphoreSlim available = new(0);
    private readonly Thread[] threads;
    private volatile bool stopping;

    public ClassifyWorkers(int count)
    {
        threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            threads[i] = new Thread(Work) { IsBackground = true, Name = "ssh-doctor classify" };
            threads[i].Start();
        }
    }

    public void Offer(ClassifyJob job)
    {
        if (threads.Length == 0)
        {
            return;
        }

        offered.Enqueue(job);
        available.Release();
    }

    public void Dispose()
    {
        stopping = true;
        if (threads.Length > 0)
        {
            available.Release(threads.Length);
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        available.Dispose();
    }

    private void Work()
    {
        while (true)
        {
            available.Wait();
            if (stopping)
            {
                return;
            }

            if (offered.TryDequeue(out var job))
            {
                job.TryRun();
            }
        }
    }
}
