namespace MailStreams.Store.Embedded;

/// <summary>What the writer knows of a stream: whether it exists, the next seq_num and the last timestamp.</summary>
internal readonly record struct StreamTail(bool Exists, long NextSeqNum, long LastTimestamp)
{
    public static readonly StreamTail Missing = new(false, 0, 0);
}

/// <summary>
/// The writer's in-memory tails, loaded lazily from the file so the writer never asks SQLite for max(seq_num)
/// twice. Changes made by the group being written sit in a pending layer that becomes committed with the
/// transaction or is dropped with its rollback. Only the writer thread uses it.
/// </summary>
internal sealed class StreamTailCache
{
    private readonly Dictionary<string, StreamTail> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamTail> _pending = new(StringComparer.Ordinal);

    public StreamTail Get(string stream, Func<string, StreamTail> load)
    {
        if (_pending.TryGetValue(stream, out var tail) || _committed.TryGetValue(stream, out tail)) return tail;
        tail = load(stream);
        // Existing streams are remembered for good; a missing one only for this group, so that lookups of
        // names that never get written do not fill the cache.
        if (tail.Exists) _committed[stream] = tail;
        else _pending[stream] = tail;
        return tail;
    }

    public void Set(string stream, StreamTail tail) => _pending[stream] = tail;

    public void Commit()
    {
        foreach (var (stream, tail) in _pending)
        {
            if (tail.Exists) _committed[stream] = tail;
            else _committed.Remove(stream);
        }
        _pending.Clear();
    }

    public void Discard() => _pending.Clear();
}
