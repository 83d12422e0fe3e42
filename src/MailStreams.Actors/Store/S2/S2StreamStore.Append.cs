using System.Net;
using MailStreams.Store.Embedded;

namespace MailStreams.Store.S2;

/// <summary>Appends: one atomic S2 batch per call, the stream created on a 404 (S2's basins do not create on append by default).</summary>
internal sealed partial class S2StreamStore
{
    public async Task<AppendAck> AppendAsync(string stream, IReadOnlyList<AppendRecord> records, long? matchSeqNum = null,
        CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        StoreInputRules.CheckAppendBatch(records);
        StoreInputRules.CheckMatchSeqNum(matchSeqNum);
        var input = new S2WireAppendInput([.. records.Select(r => S2RecordCodec.ToWire(r, S2RecordCodec.Base64))], matchSeqNum, null);
        var json = S2Json.Serialize(input);
        for (var created = false; ; created = true)
        {
            using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post,
                _transport.Url($"streams/{Escape(stream)}/records"))
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            }, idempotent: matchSeqNum is not null, ct);
            if (response.IsSuccess) return ToAck(S2Json.Deserialize<S2WireAppendAck>(response.Body));
            if (response.Status == HttpStatusCode.PreconditionFailed)
                return await ConditionFailedAsync(stream, records, matchSeqNum!.Value, response, ct);
            var error = response.Error();
            if (error.Code != "stream_not_found" || created) throw error;
            if (matchSeqNum is > 0) throw new SeqNumMismatchException(stream, matchSeqNum.Value, 0);
            await CreateIfMissingAsync(stream, ct);
        }
    }

    private async Task CreateIfMissingAsync(string stream, CancellationToken ct)
    {
        try { await CreateStreamAsync(stream, ct); }
        catch (StreamStoreException e) when (e.Code == "resource_already_exists") { }
    }

    /// <summary>
    /// A 412: the tail is elsewhere. If an earlier attempt may have landed this very batch at <paramref name="matchSeqNum"/>,
    /// read it back and acknowledge it when it is ours; otherwise it is a genuine mismatch.
    /// </summary>
    private async Task<AppendAck> ConditionFailedAsync(string stream, IReadOnlyList<AppendRecord> records, long matchSeqNum,
        S2Response response, CancellationToken ct)
    {
        var failed = S2Json.Deserialize<S2WireConditionFailed>(response.Body);
        if (failed.SeqNumMismatch is not { } actual)
            throw new StreamStoreException("fencing_token_mismatch", $"stream '{stream}': fencing token is '{failed.FencingTokenMismatch}'");
        if (response.EarlierAttemptMayHaveApplied && actual >= matchSeqNum + records.Count)
        {
            var landed = await ReadAsync(stream, matchSeqNum, new ReadLimits(records.Count), ct);
            if (landed.Records.Count == records.Count && landed.Records.Zip(records).All(p => SameContent(p.Item1, p.Item2)))
                return new AppendAck(new StreamPosition(matchSeqNum, landed.Records[0].Timestamp),
                    new StreamPosition(matchSeqNum + records.Count, landed.Records[^1].Timestamp), landed.Tail);
        }
        throw new SeqNumMismatchException(stream, matchSeqNum, actual);
    }

    private static bool SameContent(StreamRecord stored, AppendRecord sent) =>
        stored.Body.AsSpan().SequenceEqual(sent.Body) && stored.Headers.Count == sent.Headers.Count
        && stored.Headers.Zip(sent.Headers).All(h => h.Item1.Name.AsSpan().SequenceEqual(h.Item2.Name) && h.Item1.Value.AsSpan().SequenceEqual(h.Item2.Value));

    private static AppendAck ToAck(S2WireAppendAck ack) =>
        new(S2RecordCodec.ToPosition(ack.Start), S2RecordCodec.ToPosition(ack.End), S2RecordCodec.ToPosition(ack.Tail));
}
