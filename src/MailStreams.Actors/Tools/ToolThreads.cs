namespace MailStreams.Tools;

/// <summary>
/// Runs tool code on dedicated background threads with a large stack, so deep JS recursion is stopped by the
/// engine's limits long before the native stack is at risk, and a spinning tool never blocks a thread-pool thread.
/// Threads are started on demand, reused while busy traffic lasts, and end after <see cref="IdleLifetime"/> idle.
/// </summary>
internal static class ToolThreads
{
    /// <summary>Native stack of each tool thread (reserved, committed only as used).</summary>
    public const int StackBytes = 16 * 1024 * 1024;

    /// <summary>The highest recursion limit this stack size is known to absorb with a wide margin.</summary>
    public const int MaxRecursionDepth = 10_000;

    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    private static readonly Lock Gate = new();
    private static readonly List<Worker> Idle = [];

    /// <summary>Runs <paramref name="work"/> on a tool thread; the task completes with its result or exception.</summary>
    public static Task<T> Run<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Worker? worker = null;
        lock (Gate)
        {
            if (Idle.Count > 0)
            {
                worker = Idle[^1];
                Idle.RemoveAt(Idle.Count - 1);
            }
        }
        (worker ?? Worker.Start()).Post(() =>
        {
            try { completion.TrySetResult(work()); }
            catch (Exception e) { completion.TrySetException(e); }
        });
        return completion.Task;
    }

    /// <summary>One thread waiting for one job at a time; it parks itself in <see cref="Idle"/> between jobs.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _signal = new(0);
        private Action? _job;

        public static Worker Start()
        {
            var worker = new Worker();
            new Thread(worker.Loop, StackBytes) { IsBackground = true, Name = "mailstreams-tool" }.Start();
            return worker;
        }

        public void Post(Action job)
        {
            _job = job;
            _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                if (!_signal.Wait(IdleLifetime))
                {
                    lock (Gate)
                    {
                        // Still parked: nobody can hand us a job any more, so the thread may end.
                        if (Idle.Remove(this)) return;
                    }
                    continue; // taken just now; its job is about to be posted
                }
                var job = _job!;
                _job = null;
                job();
                lock (Gate) Idle.Add(this);
            }
        }
    }
}
