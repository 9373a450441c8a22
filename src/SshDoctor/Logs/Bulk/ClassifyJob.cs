namespace SshDoctor.Logs.Bulk;

/// <summary>One block to classify, run once by whichever thread claims it first (a worker, or the reader helping out).</summary>
internal sealed class ClassifyJob(LineBlock block, Func<LineBlock, BlockResult> classify)
{
    private readonly TaskCompletionSource<BlockResult> _done = new();
    private int _claimed;

    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>Classifies the block on this thread unless another thread claimed it; false then.</summary>
    public bool TryRun()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            return false;
        }

        try
        {
            _done.SetResult(classify(block));
        }
        catch (Exception e)
        {
            _done.SetException(e);
        }
        finally
        {
            block.Dispose();
        }

        return true;
    }

    /// <summary>The block's lines, once classified (waits); what classifying threw is thrown here, on the reader's thread.</summary>
    public BlockResult Result() => _done.Task.GetAwaiter().GetResult();
}
