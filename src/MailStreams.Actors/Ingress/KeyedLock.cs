namespace MailStreams.Ingress;

/// <summary>An async mutual exclusion per key: concurrent deliveries of the same id are handled one after the other.</summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new();

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct = default)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(key, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
            _gates[key] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Release(key, gate, entered: false);
            throw;
        }
        return new Releaser(() => Release(key, gate, entered: true));
    }

    private void Release(string key, SemaphoreSlim gate, bool entered)
    {
        if (entered) gate.Release();
        lock (_gates)
        {
            var (g, users) = _gates[key];
            if (users == 1) _gates.Remove(key);
            else _gates[key] = (g, users - 1);
        }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;
        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
