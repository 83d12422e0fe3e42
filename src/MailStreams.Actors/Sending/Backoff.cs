namespace MailStreams.Sending;

/// <summary>
/// Capped exponential backoff with jitter for retries (outbox sends, content fetches). Attempt n (from 1) waits a
/// random time in [d/2, d] where d = min(cap, base·2^(n−1)), so retries spread out but never shrink to nothing.
/// Immutable apart from the random source; pass a seeded <see cref="Random"/> for reproducible delays.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _cap;
    private readonly Random _random;

    public Backoff(TimeSpan baseDelay, TimeSpan cap, Random? random = null)
    {
        if (baseDelay <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(baseDelay), baseDelay, "backoff base delay must be positive");
        if (cap < baseDelay) throw new ArgumentOutOfRangeException(nameof(cap), cap, "backoff cap must be at least the base delay");
        _base = baseDelay;
        _cap = cap;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Base => _base;
    public TimeSpan Cap => _cap;

    /// <summary>The upper bound for attempt <paramref name="attempt"/> (1 = first retry; values below 1 count as 1).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var exponent = Math.Max(attempt, 1) - 1;
        var ticks = _base.Ticks * Math.Pow(2, Math.Min(exponent, 62));
        return ticks >= _cap.Ticks ? _cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How long to wait before attempt <paramref name="attempt"/>: uniformly in [ceiling/2, ceiling].</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceiling = Ceiling(attempt).Ticks;
        double fraction;
        lock (_random) fraction = _random.NextDouble();
        return TimeSpan.FromTicks(ceiling / 2 + (long)(ceiling / 2.0 * fraction));
    }
}
