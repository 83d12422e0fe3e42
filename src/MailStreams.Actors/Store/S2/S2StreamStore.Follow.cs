using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace MailStreams.Store.S2;

/// <summary>
/// Following a stream over S2 read sessions (SSE). A session that ends, reports an <c>error</c> event, breaks, or
/// stays silent (no batch or ping) for <see cref="S2Settings.HeartbeatTimeout"/> is resumed with
/// <c>Last-Event-ID</c> from the next seq_num; records below it are dropped, so each is yielded exactly once.
/// A stream that does not exist yet is waited for by listing (stream discovery every <see cref="S2Settings.DiscoveryInterval"/>).
/// </summary>
internal sealed partial class S2StreamStore
{
    public async IAsyncEnumerable<StreamRecord> FollowAsync(string stream, long fromSeqNum,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        Embedded.StoreInputRules.CheckStreamName(stream);
        Embedded.StoreInputRules.CheckReadStart(fromSeqNum);
        var next = fromSeqNum;
        string? lastEventId = null;
        var quietAttempts = 0;
        var retry = new S2RetryPolicy(_settings);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var response = await OpenSessionAsync(stream, next, lastEventId, ct);
            if (response is null)
            {
                await WaitForStreamAsync(stream, ct);
                continue;
            }
            using (response)
            using (var session = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var events = ReadEventsAsync(response, session.Token).GetAsyncEnumerator(session.Token);
                try
                {
                    while (true)
                    {
                        session.CancelAfter(_settings.HeartbeatTimeout);
                        var item = await NextEventAsync(events, ct);
                        if (item is null) break;
                        if (item.Type == "error") break;
                        if (item.Type != "batch") continue;
                        var batch = S2Json.Deserialize<S2WireReadBatch>(item.Data);
                        foreach (var wire in batch.Records ?? [])
                        {
                            var record = S2RecordCodec.FromWire(wire, S2RecordCodec.Base64);
                            if (record.SeqNum < next) continue;
                            next = record.SeqNum + 1;
                            quietAttempts = 0;
                            yield return record;
                        }
                        lastEventId = item.Id;
                    }
                }
                finally
                {
                    await events.DisposeAsync();
                }
            }
            await Task.Delay(retry.Delay(Math.Min(++quietAttempts, 10)), ct);
        }
    }

    /// <summary>The open session, or null when the stream does not exist (yet).</summary>
    private async Task<S2Response?> OpenSessionAsync(string stream, long next, string? lastEventId, CancellationToken ct)
    {
        var response = await _transport.SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, _transport.Url($"streams/{Escape(stream)}/records?seq_num={next}&clamp=true"));
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null) message.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
            return message;
        }, idempotent: true, ct, streamed: true);
        if (response.IsSuccess) return response;
        using (response)
        {
            var error = response.Error();
            if (response.Status == HttpStatusCode.NotFound && error.Code == "stream_not_found") return null;
            throw error;
        }
    }

    private static async IAsyncEnumerable<SseEvent> ReadEventsAsync(S2Response response, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var body = await response.Message.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(body);
        await foreach (var item in SseParser.ReadAsync(reader, ct)) yield return item;
    }

    /// <summary>The next event, or null when the session ended, broke or went silent (the caller resumes it).</summary>
    private static async Task<SseEvent?> NextEventAsync(IAsyncEnumerator<SseEvent> events, CancellationToken ct)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task WaitForStreamAsync(string stream, CancellationToken ct)
    {
        while (true)
        {
            var found = await ListStreamsAsync(stream, null, 1, ct);
            if (found.Count == 1 && found[0].Name == stream) return;
            await Task.Delay(_settings.DiscoveryInterval, ct);
        }
    }

    /// <summary>Stream discovery: S2 has no creation feed, so the basin is listed every <see cref="S2Settings.DiscoveryInterval"/>.</summary>
    public async IAsyncEnumerable<string> WatchStreamsAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Embedded.StoreInputRules.CheckPrefix(prefix, "prefix");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            string? after = null;
            while (true)
            {
                var page = await ListStreamsAsync(prefix, after, 1000, ct);
                foreach (var info in page)
                    if (seen.Add(info.Name)) yield return info.Name;
                if (page.Count < 1000) break;
                after = page[^1].Name;
            }
            await Task.Delay(_settings.DiscoveryInterval, ct);
        }
    }
}
