namespace MailStreams.Store.Embedded;

/// <summary>
/// A reusable "something changed" signal without lost wake-ups: a waiter takes <see cref="Next"/> BEFORE it
/// looks at the data, and every <see cref="Pulse"/> after that completes the task it holds (the task is
/// swapped for a fresh one on each pulse). Thread-safe.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
