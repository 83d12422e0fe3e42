using System.Collections.Concurrent;

namespace MailStreams.Tools;

/// <summary>
/// Calls and failures of each inbox's tool since the daemon started, with the last error; shown by
/// <c>GET /api/tools</c>. In memory only, written by the pipelines concurrently (one counter per inbox).
/// </summary>
internal sealed class ToolCallStats
{
    private readonly ConcurrentDictionary<string, Counter> _byInbox = new(StringComparer.Ordinal);

    public void Record(string inbox, string emailId, ToolOutcome outcome)
    {
        var counter = _byInbox.GetOrAdd(inbox, _ => new Counter());
        Interlocked.Increment(ref counter.Calls);
        if (outcome is ToolOutcome.Failed failed)
        {
            Interlocked.Increment(ref counter.Errors);
            counter.LastError = $"{emailId}: {failed.Error}";
        }
    }

    /// <summary>A copy of the counters, by inbox name.</summary>
    public IReadOnlyDictionary<string, InboxToolStats> Snapshot() =>
        _byInbox.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => new InboxToolStats(Volatile.Read(ref kv.Value.Calls), Volatile.Read(ref kv.Value.Errors), kv.Value.LastError));

    private sealed class Counter
    {
        public long Calls;
        public long Errors;
        public volatile string? LastError;
    }
}
