using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Store;
using MailStreams.Store.S2;

namespace MailStreams.Host.Http.S2;

/// <summary>The records half of the S2-compatible endpoint: append, unary read (or an SSE session), check tail.</summary>
internal static class S2RecordEndpoints
{
    private const long MaxAppendBody = 8L * 1024 * 1024;
    private const int MaxUnaryWaitSeconds = 60;

    public static async Task<IResult> AppendAsync(HttpContext http, IStreamStore store, CancellationToken ct)
    {
        var stream = S2StreamPath.StreamOf(http) ?? "";
        if (S2RecordCodec.FormatOf(http.Request.Headers["s2-format"]) is not { } format)
            return S2Errors.BadHeader("s2-format must be raw or base64");
        if (http.Request.ContentType?.Contains("protobuf", StringComparison.OrdinalIgnoreCase) == true)
            return S2Errors.Error(415, "bad_header", "this endpoint speaks JSON (s2-format raw or base64), not protobuf");
        S2WireAppendInput? input;
        try
        {
            var body = await BodyReader.ReadAsync(http.Request, MaxAppendBody, ct);
            input = JsonSerializer.Deserialize<S2WireAppendInput>(body, S2Json.Options);
        }
        catch (BodyReader.TooLargeException e) { return S2Errors.Error(413, "invalid", e.Message); }
        catch (JsonException e) { return S2Errors.BadJson($"the body is not an AppendInput: {e.Message}"); }
        if (input?.Records is null) return S2Errors.BadJson("the body needs \"records\"");
        if (!string.IsNullOrEmpty(input.FencingToken))
            return Results.Json(new S2WireConditionFailed(null, ""), S2Json.Options, statusCode: 412);
        AppendRecord[] records;
        try { records = [.. input.Records.Select(r => S2RecordCodec.ToAppendRecord(r, format))]; }
        catch (FormatException e) { return S2Errors.BadJson($"a record is not valid {format}: {e.Message}"); }
        try
        {
            await store.CheckTailAsync(stream, ct);
            var ack = await store.AppendAsync(stream, records, input.MatchSeqNum, ct);
            return Results.Json(new S2WireAppendAck(S2RecordCodec.ToWire(ack.Start), S2RecordCodec.ToWire(ack.End), S2RecordCodec.ToWire(ack.Tail)),
                S2Json.Options);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    public static async Task<IResult> CheckTailAsync(HttpContext http, IStreamStore store, CancellationToken ct)
    {
        try { return Results.Json(new S2WireTail(S2RecordCodec.ToWire(await store.CheckTailAsync(S2StreamPath.StreamOf(http) ?? "", ct))), S2Json.Options); }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    public static async Task<IResult> ReadAsync(HttpContext http, IStreamStore store, S2EndpointSettings settings, CancellationToken ct)
    {
        var stream = S2StreamPath.StreamOf(http) ?? "";
        if (S2RecordCodec.FormatOf(http.Request.Headers["s2-format"]) is not { } format)
            return S2Errors.BadHeader("s2-format must be raw or base64");
        if (http.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.OrdinalIgnoreCase))
            return S2Errors.Error(406, "bad_header", "this endpoint answers JSON (s2-format raw or base64) or SSE, not protobuf");
        var query = S2ReadQuery.Parse(http.Request.Query, out var error);
        if (error is not null)
        {
            var split = error.IndexOf(':');
            return S2Errors.Error(split > 0 && error[..split] == "invalid" ? 422 : 400, error[..split], error[(split + 1)..]);
        }
        var resume = S2ResumePoint.Parse(http.Request.Headers["Last-Event-ID"]);
        if (resume is { Valid: false }) return S2Errors.BadHeader("Last-Event-ID must be <seq_num>,<count>,<bytes>");
        StreamPosition tail;
        try { tail = await store.CheckTailAsync(stream, ct); }
        catch (StreamStoreException e) { return S2Errors.From(e); }

        var start = resume?.SeqNum + 1 ?? query.SeqNum ?? Math.Max(0, tail.SeqNum - (query.TailOffset ?? 0));
        if (start > tail.SeqNum)
        {
            if (!query.Clamp && resume is null) return S2Errors.BeyondTail(tail);
            start = resume is null ? tail.SeqNum : start;
        }
        var sse = http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        if (sse) return new S2ReadSession(store, settings, stream, format, start, query, resume);

        var limits = new ReadLimits((int?)Math.Min(query.Count ?? 1000, 1000), query.Bytes);
        try
        {
            var batch = await store.ReadAsync(stream, start, limits, ct);
            if (batch.Records.Count == 0 && query.Wait is > 0 && limits.Count != 0 && limits.Bytes != 0)
                batch = await WaitForRecordsAsync(store, stream, start, limits, Math.Min(query.Wait.Value, MaxUnaryWaitSeconds), ct);
            return Results.Json(new S2WireReadBatch([.. batch.Records.Select(r => S2RecordCodec.ToWire(r, format))],
                S2RecordCodec.ToWire(batch.Tail)), S2Json.Options);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    /// <summary>Long-poll: waits up to <paramref name="seconds"/> for a record at <paramref name="start"/>, then reads from it.</summary>
    private static async Task<ReadBatch> WaitForRecordsAsync(IStreamStore store, string stream, long start, ReadLimits limits, int seconds,
        CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await using var follower = store.FollowAsync(stream, start, wait.Token).GetAsyncEnumerator(wait.Token);
            await follower.MoveNextAsync();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        return await store.ReadAsync(stream, start, limits, ct);
    }
}
