using MailStreams.Store;

namespace MailStreams.DeadLetters;

/// <summary>
/// Operator decisions on dead letters. Streams are append-only: a decision is a record in <c>events/dlq</c>
/// (headers <c>action</c> = retry|drop, <c>dead-stream</c>, <c>dead-seq</c>), and the state of a dead letter (open,
/// retried, dropped) is read back from there. "retry" appends the dead record's body again to the stream it came from
/// (its <c>source-stream</c> header: <c>inbox/&lt;name&gt;</c>, <c>ingress/resend</c>), as a new record with a new
/// position, so it is processed again from the start. Decisions are serialized, so one letter is decided once.
/// </summary>
internal sealed class DeadLetterDesk(IStreamStore store)
{
    public const string Events = "events/dlq";
    private readonly SemaphoreSlim _deciding = new(1, 1);

    public async Task<IReadOnlyList<DeadStreamSummary>> ListAsync(CancellationToken ct)
    {
        var decided = await DecisionsAsync(ct);
        var summaries = new List<DeadStreamSummary>();
        foreach (var stream in await store.ListStreamsAsync("dead/", ct: ct))
        {
            var records = await ReadAllAsync(stream.Name, ct);
            summaries.Add(new DeadStreamSummary(stream.Name, records.Count, records.Count(r => !decided.ContainsKey((stream.Name, r.SeqNum)))));
        }
        return summaries;
    }

    public async Task<IReadOnlyList<DeadLetter>> ShowAsync(string stream, CancellationToken ct)
    {
        var decided = await DecisionsAsync(ct);
        return (await ReadAllAsync(stream, ct)).Select(r => Describe(stream, r, decided)).ToList();
    }

    /// <summary>Retries or drops one dead letter; the answer says what happened or why nothing did.</summary>
    public async Task<DeadLetterDecision> DecideAsync(string stream, long seq, string action, CancellationToken ct)
    {
        if (!stream.StartsWith("dead/", StringComparison.Ordinal)) return new(400, $"'{stream}' is not a dead-letter stream (dead/…)");
        if (action is not ("retry" or "drop")) return new(400, $"unknown action '{action}': retry or drop");
        await _deciding.WaitAsync(ct);
        try
        {
            var record = (await ReadAllAsync(stream, ct)).FirstOrDefault(r => r.SeqNum == seq);
            if (record is null) return new(404, $"{stream} has no record {seq}");
            var decided = await DecisionsAsync(ct);
            if (decided.TryGetValue((stream, seq), out var earlier)) return new(409, $"{stream}:{seq} was already {earlier}");

            string? target = null;
            if (action == "retry")
            {
                target = record.Header("source-stream");
                if (target is null || target.StartsWith("dead/", StringComparison.Ordinal) || target == StreamNames.Outbox)
                    return new(409, $"{stream}:{seq} names no stream it can be retried into (source-stream: {target ?? "none"}); drop it, or replay its inbox record");
                var headers = record.Headers.Where(h => h.NameText is "email-id" or "svix-id").ToList();
                headers.Add(RecordHeader.Of("type", target.StartsWith(StreamNames.InboxPrefix, StringComparison.Ordinal) ? "mail.received" : "resend.webhook"));
                headers.Add(RecordHeader.Of("retry-of", $"{stream}:{seq}"));
                var ack = await store.AppendAsync(target, [new AppendRecord(headers, record.Body)], ct: ct);
                target = $"{target}:{ack.Start.SeqNum}";
            }
            var decision = new List<RecordHeader>
            {
                RecordHeader.Of("type", "dlq." + action), RecordHeader.Of("action", action),
                RecordHeader.Of("dead-stream", stream), RecordHeader.Of("dead-seq", seq.ToString()),
            };
            if (target is not null) decision.Add(RecordHeader.Of("retried-as", target));
            await store.AppendAsync(Events, [new AppendRecord(decision, [])], ct: ct);
            return new(200, action == "retry" ? $"{stream}:{seq} retried as {target}" : $"{stream}:{seq} dropped");
        }
        finally
        {
            _deciding.Release();
        }
    }

    private static DeadLetter Describe(string stream, StreamRecord r, IReadOnlyDictionary<(string, long), string> decided) =>
        new(stream, r.SeqNum, DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp), decided.GetValueOrDefault((stream, r.SeqNum), "open"),
            r.Header("error") ?? r.Header("reason"), r.Header("idempotency-key"), r.Header("source-stream"));

    private async Task<Dictionary<(string, long), string>> DecisionsAsync(CancellationToken ct)
    {
        var decided = new Dictionary<(string, long), string>();
        foreach (var r in await ReadAllAsync(Events, ct))
            if (r.Header("dead-stream") is { } s && long.TryParse(r.Header("dead-seq"), out var seq))
                decided.TryAdd((s, seq), r.Header("action") == "retry" ? "retried" : "dropped");
        return decided;
    }

    private async Task<List<StreamRecord>> ReadAllAsync(string stream, CancellationToken ct)
    {
        var all = new List<StreamRecord>();
        await foreach (var record in store.ReadToTailAsync(stream, missingIsEmpty: true, ct: ct)) all.Add(record);
        return all;
    }
}
