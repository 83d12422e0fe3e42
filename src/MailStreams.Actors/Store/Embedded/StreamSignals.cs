namespace MailStreams.Store.Embedded;

/// <summary>
/// One <see cref="ChangeSignal"/> per stream that has followers. A follower holds a lease for as long as it
/// follows; the last lease to go removes the signal, so streams nobody follows cost nothing. The writer pulses
/// a stream's signal after each commit that touched the stream.
/// </summary>
internal sealed class StreamSignals
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Lease Subscribe(string stream)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(stream, out var entry)) _entries[stream] = entry = new Entry();
            entry.Leases++;
            return new Lease(this, stream, entry.Signal);
        }
    }

    public void Pulse(string stream)
    {
        ChangeSignal? signal;
        lock (_gate) signal = _entries.TryGetValue(stream, out var entry) ? entry.Signal : null;
        signal?.Pulse();
    }

    /// <summary>Wakes every follower (used when the store closes).</summary>
    public void PulseAll()
    {
        ChangeSignal[] signals;
        lock (_gate) signals = [.. _entries.Values.Select(e => e.Signal)];
        foreach (var signal in signals) signal.Pulse();
    }

    private void Release(string stream)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(stream, out var entry) && --entry.Leases == 0) _entries.Remove(stream);
        }
    }

    private sealed class Entry
    {
        public ChangeSignal Signal { get; } = new();
        public int Leases { get; set; }
    }

    /// <summary>A follower's hold on a stream's signal; dispose it when the follower stops.</summary>
    public sealed class Lease(StreamSignals owner, string stream, ChangeSignal signal) : IDisposable
    {
        private int _released;

        public ChangeSignal Signal { get; } = signal;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(stream);
        }
    }
}
