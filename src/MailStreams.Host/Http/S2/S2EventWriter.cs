using MailStreams.Store;
using MailStreams.Store.S2;

namespace MailStreams.Host.Http.S2;

/// <summary>Writes S2's SSE events (<c>field: value</c> lines, blank line after each) and flushes each at once.</summary>
internal sealed class S2EventWriter(HttpResponse response)
{
    public Task BatchAsync(string id, S2WireReadBatch batch, CancellationToken ct) =>
        WriteAsync($"event: batch\nid: {id}\ndata: {S2Json.Serialize(batch)}\n\n", ct);

    public Task PingAsync(StreamPosition tail, CancellationToken ct) =>
        WriteAsync($"event: ping\ndata: {S2Json.Serialize(new S2WirePing(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), S2RecordCodec.ToWire(tail)))}\n\n", ct);

    public Task ErrorAsync(S2WireError error, CancellationToken ct) =>
        WriteAsync($"event: error\ndata: {S2Json.Serialize(error)}\n\n", ct);

    public Task DoneAsync(CancellationToken ct) => WriteAsync("data: [DONE]\n\n", ct);

    private async Task WriteAsync(string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
