using System.Net;
using System.Text.Json.Nodes;
using MailStreams.Store.Embedded;

namespace MailStreams.Store.S2;

/// <summary>
/// The <see cref="IStreamStore"/> on S2 (s2.dev, s2-lite or the daemon's S2-compatible endpoint) over its REST API
/// with base64 records. Input is checked with S2's rules before anything is sent. Streams are created with the
/// configured retention (infinite by default) when an append finds none. Appends with <c>match_seq_num</c> are
/// retried on any transient failure and a 412 after an uncertain attempt is checked against the stream; appends
/// without it are retried only when S2 guarantees nothing happened. Holds no state besides the HTTP client.
/// </summary>
internal sealed partial class S2StreamStore : IStreamStore, IDisposable
{
    private readonly S2Transport _transport;
    private readonly S2Settings _settings;
    private readonly HttpClient _http;

    public S2StreamStore(S2Settings settings, string basin, HttpMessageHandler? handler = null)
    {
        if (settings.Problem(basin) is { } problem) throw new ArgumentException(problem, nameof(settings));
        _settings = settings;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _transport = new S2Transport(_http, settings, basin);
    }

    public async Task CreateStreamAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        var retention = _settings.Retention is { } age
            ? new JsonObject { ["age"] = (long)age.TotalSeconds }
            : new JsonObject { ["infinite"] = new JsonObject() };
        var body = new S2WireCreateStream(stream, new JsonObject { ["retention_policy"] = retention });
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, _transport.Url("streams"))
        {
            Content = S2Transport.JsonContent(body),
        }, idempotent: false, ct);
        if (!response.IsSuccess) throw response.Error();
    }

    public async Task DeleteStreamAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, StreamUrl(stream)), idempotent: false, ct);
        if (!response.IsSuccess) throw response.Error();
    }

    public async Task<IReadOnlyList<StreamInfo>> ListStreamsAsync(string prefix = "", string? startAfter = null, int limit = 1000,
        CancellationToken ct = default)
    {
        StoreInputRules.CheckPrefix(prefix, "prefix");
        if (startAfter is not null) StoreInputRules.CheckPrefix(startAfter, "start_after");
        var capped = StoreInputRules.CheckListLimit(limit);
        var query = $"streams?prefix={Uri.EscapeDataString(prefix)}&limit={capped}"
                    + (startAfter is null ? "" : $"&start_after={Uri.EscapeDataString(startAfter)}");
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, _transport.Url(query)), idempotent: true, ct);
        if (!response.IsSuccess) throw response.Error();
        var list = S2Json.Deserialize<S2WireStreamList>(response.Body);
        return [.. list.Streams.Where(s => s.DeletedAt is null).Select(s => new StreamInfo(s.Name, s.CreatedAt))];
    }

    public async Task<ReadBatch> ReadAsync(string stream, long fromSeqNum, ReadLimits? limits = null, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        StoreInputRules.CheckReadStart(fromSeqNum);
        limits ??= ReadLimits.None;
        StoreInputRules.CheckReadLimits(limits);
        if (limits.Count == 0 || limits.Bytes == 0) return new ReadBatch([], await CheckTailAsync(stream, ct));
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get,
            RecordsUrl(stream, fromSeqNum, limits.Count, limits.Bytes)), idempotent: true, ct);
        if (response.Status == HttpStatusCode.RequestedRangeNotSatisfiable)
            return new ReadBatch([], S2RecordCodec.ToPosition(S2Json.Deserialize<S2WireTail>(response.Body).Tail));
        if (!response.IsSuccess) throw response.Error();
        var batch = S2Json.Deserialize<S2WireReadBatch>(response.Body);
        var records = (batch.Records ?? []).Select(r => S2RecordCodec.FromWire(r, S2RecordCodec.Base64)).ToList();
        var tail = batch.Tail is { } t ? S2RecordCodec.ToPosition(t) : await CheckTailAsync(stream, ct);
        return new ReadBatch(records, tail);
    }

    public async Task<StreamPosition> CheckTailAsync(string stream, CancellationToken ct = default)
    {
        StoreInputRules.CheckStreamName(stream);
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get,
            _transport.Url($"streams/{Escape(stream)}/records/tail")), idempotent: true, ct);
        if (!response.IsSuccess) throw response.Error();
        return S2RecordCodec.ToPosition(S2Json.Deserialize<S2WireTail>(response.Body).Tail);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A stream name is one path segment: <c>inbox/reverser</c> → <c>inbox%2Freverser</c>.</summary>
    internal static string Escape(string stream) => Uri.EscapeDataString(stream);

    private Uri StreamUrl(string stream) => _transport.Url($"streams/{Escape(stream)}");

    private Uri RecordsUrl(string stream, long fromSeqNum, int? count, long? bytes) =>
        _transport.Url($"streams/{Escape(stream)}/records?seq_num={fromSeqNum}"
                       + (count is { } c ? $"&count={c}" : "") + (bytes is { } b ? $"&bytes={b}" : ""));
}
