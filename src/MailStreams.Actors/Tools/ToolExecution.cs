namespace MailStreams.Tools;

/// <summary>
/// Runs engine work on a tool thread under one deadline: the work gets a token that fires when
/// <see cref="ToolLimits.Timeout"/> has passed or the caller cancels, and the caller stops waiting a little
/// after the deadline even if the engine has not noticed yet (the thread is then left to the engine's limits).
/// </summary>
internal static class ToolExecution
{
    // Only a backstop for an engine that ignores its own limits; generous, so a busy machine never trips it.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>The work's result, or <c>Finished: false</c> when it did not come back in time.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires.</summary>
    public static async Task<(bool Finished, T? Result)> RunAsync<T>(
        ToolLimits limits, Func<CancellationToken, T> work, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var running = ToolThreads.Run(() =>
        {
            // Created and disposed on the tool thread, so the engine never sees a disposed token source.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(limits.Timeout);
            return work(deadline.Token);
        });
        // If the caller stops waiting (timeout, cancellation), a late failure must not go unobserved.
        _ = running.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            return (true, await running.WaitAsync(limits.Timeout + StopGrace, cancellation).ConfigureAwait(false));
        }
        catch (TimeoutException) when (!running.IsCompleted)
        {
            return (false, default);
        }
        catch (TimeoutException)
        {
            return (true, await running.ConfigureAwait(false)); // finished just as the wait gave up
        }
    }
}
