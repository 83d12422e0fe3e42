using MailStreams.Hosting;
using MailStreams.Store;
using MailStreams.Store.S2;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// One SSE read session (specs/s2.md §7): stored records as <c>batch</c> events (id = last seq_num, records and
/// metered bytes so far), a <c>ping</c> with the tail on catching up and after random 5–15 s idle gaps, live batches
/// with the tail, <c>data: [DONE]</c> when the limits or the wait end it, an <c>error</c> event if the store fails.
/// Waiting at the tail uses the store's follower (woken by appends), never polling.
/// </summary>
internal sealed class S2ReadSession(IStreamStore store, S2EndpointSettings settings, string stream, string format, long start,
    S2ReadQuery query, S2ResumePoint? resume) : IResult
{
    private long _delivered = resume?.Count ?? 0;
    private long _deliveredBytes = resume?.Bytes ?? 0;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-transform";
        http.Response.Headers["x-accel-buffering"] = "no";
        var writer = new S2EventWriter(http.Response);
        try
        {
            await StreamAsync(writer, ct);
            await writer.DoneAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (StreamStoreException e) when (!ct.IsCancellationRequested)
        {
            await writer.ErrorAsync(new S2WireError(e.Code, e.Message), ct);
        }
    }

    private async Task StreamAsync(S2EventWriter writer, CancellationToken ct)
    {
        var next = start;
        var live = false;
        var idleLimit = query.SessionWait;
        while (true)
        {
            var countLeft = query.Count - _delivered;
            var bytesLeft = query.Bytes - _deliveredBytes;
            if (countLeft <= 0 || bytesLeft <= 0) return;
            var batch = await store.ReadAsync(stream, next, new ReadLimits((int?)Math.Min(countLeft ?? 1000, 1000), bytesLeft), ct);
            if (batch.Records.Count > 0)
            {
                _delivered += batch.Records.Count;
                _deliveredBytes += batch.Records.Sum(r => r.MeteredBytes);
                next = batch.Records[^1].SeqNum + 1;
                var id = new S2ResumePoint(next - 1, _delivered, _deliveredBytes, true).Id;
                await writer.BatchAsync(id, new S2WireReadBatch([.. batch.Records.Select(r => S2RecordCodec.ToWire(r, format))],
                    live ? S2RecordCodec.ToWire(batch.Tail) : null), ct);
                continue;
            }
            if (batch.Tail.SeqNum > next || idleLimit == TimeSpan.Zero) return; // the next record does not fit, or no waiting
            if (!live)
            {
                live = true;
                await writer.PingAsync(batch.Tail, ct);
            }
            if (!await WaitForRecordAsync(writer, next, idleLimit, ct)) return;
        }
    }

    /// <summary>Waits until a record at <paramref name="next"/> exists, pinging while idle; false when the idle limit passed.</summary>
    private async Task<bool> WaitForRecordAsync(S2EventWriter writer, long next, TimeSpan? idleLimit, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var follower = store.FollowAsync(stream, next, stop.Token).GetAsyncEnumerator(stop.Token);
        var arrival = follower.MoveNextAsync().AsTask();
        var deadline = idleLimit is { } limit ? DateTimeOffset.UtcNow + limit : DateTimeOffset.MaxValue;
        try
        {
            while (true)
            {
                var gap = PingGap();
                var untilDeadline = deadline - DateTimeOffset.UtcNow;
                if (untilDeadline <= TimeSpan.Zero) return false;
                var timer = Task.Delay(gap < untilDeadline ? gap : untilDeadline, ct);
                if (await Task.WhenAny(arrival, timer) == arrival) return await arrival;
                ct.ThrowIfCancellationRequested();
                if (gap < untilDeadline) await writer.PingAsync(await store.CheckTailAsync(stream, ct), ct);
            }
        }
        finally
        {
            stop.Cancel();
            try { await arrival; } catch (OperationCanceledException) { }
            await follower.DisposeAsync();
        }
    }

    private TimeSpan PingGap()
    {
        var min = settings.PingMinInterval.TotalMilliseconds;
        var max = Math.Max(min, settings.PingMaxInterval.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(min + Random.Shared.NextDouble() * (max - min));
    }
}
