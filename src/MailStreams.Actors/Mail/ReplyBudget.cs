namespace MailStreams.Mail;

/// <summary>
/// The reply budget: at most <c>perSender</c> replies to one address and <c>perThread</c> replies in one thread within
/// a sliding window (0 = no limit). A second loop breaker after the header rules: two auto-responders that do not
/// mark their mail still stop after a few rounds. Not persisted itself: it is rebuilt from the <c>outbox</c> stream
/// (every reply ever written) on start, so restarts do not reset it. Counting is idempotent per key, so an inbox
/// record processed again after a crash is judged as it was the first time. Thread-safe.
/// </summary>
internal sealed class ReplyBudget(TimeSpan window, int perSender, int perThread)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ReplyBudgetEntry> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<ReplyBudgetEntry> _recent = new();
    private readonly Dictionary<string, int> _perSender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perThread = new(StringComparer.Ordinal);

    /// <summary>Counts a reply already written (the outbox, read on start).</summary>
    public void Remember(ReplyBudgetEntry entry)
    {
        lock (_gate) Add(entry);
    }

    /// <summary>Null when the reply fits the budget (and it is counted), otherwise the reason it does not.</summary>
    public string? TryTake(ReplyBudgetEntry entry)
    {
        lock (_gate)
        {
            if (_byKey.ContainsKey(entry.Key)) return null;
            Expire(entry.At);
            if (perSender > 0 && entry.Sender is { } sender && _perSender.GetValueOrDefault(sender) >= perSender)
                return $"reply-budget: {perSender} replies to {sender} within {Describe(window)}";
            if (perThread > 0 && entry.Thread is { } thread && _perThread.GetValueOrDefault(thread) >= perThread)
                return $"reply-budget: {perThread} replies in thread {thread} within {Describe(window)}";
            Add(entry);
            return null;
        }
    }

    private void Add(ReplyBudgetEntry entry)
    {
        if (!_byKey.TryAdd(entry.Key, entry)) return;
        Change(_perSender, entry.Sender, +1);
        Change(_perThread, entry.Thread, +1);
        var node = _recent.Last;
        while (node is not null && node.Value.At > entry.At) node = node.Previous;
        if (node is null) _recent.AddFirst(entry);
        else _recent.AddAfter(node, entry);
    }

    private void Expire(DateTimeOffset now)
    {
        while (_recent.First is { } first && first.Value.At <= now - window)
        {
            _byKey.Remove(first.Value.Key);
            Change(_perSender, first.Value.Sender, -1);
            Change(_perThread, first.Value.Thread, -1);
            _recent.RemoveFirst();
        }
    }

    private static void Change(Dictionary<string, int> counts, string? name, int by)
    {
        if (name is null) return;
        var count = counts.GetValueOrDefault(name) + by;
        if (count > 0) counts[name] = count;
        else counts.Remove(name);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0.#} min";
}
