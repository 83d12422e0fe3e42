using System.Text;
using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Store;

namespace MailStreams.Host.Http;

/// <summary>
/// Read-only admin view of the streams for <c>mailstreams streams ls/read</c>: <c>GET /api/streams?prefix=</c> and
/// <c>GET /api/records?stream=&amp;from=&amp;count=&amp;follow=</c>, the latter as one JSON record per line.
/// </summary>
internal static class StreamEndpoints
{
    public static void MapStreams(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", async (HttpContext http, MailStreamsOptions options, IStreamStore store, string? prefix, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            var all = new List<StreamInfo>();
            string? after = null;
            while (true)
            {
                var page = await store.ListStreamsAsync(prefix ?? "", after, 1000, ct);
                all.AddRange(page);
                if (page.Count < 1000) break;
                after = page[^1].Name;
            }
            return Results.Json(all.Select(s => new { name = s.Name, createdAt = s.CreatedAt }));
        });

        app.MapGet("/api/records", async (HttpContext http, MailStreamsOptions options, IStreamStore store,
            string? stream, long? from, int? count, bool? follow, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) { await denied.ExecuteAsync(http); return; }
            if (string.IsNullOrEmpty(stream)) { await AdminAccess.Problem(400, "query parameter 'stream' is required").ExecuteAsync(http); return; }
            if (from < 0 || count <= 0) { await AdminAccess.Problem(400, "'from' must be >= 0 and 'count' > 0").ExecuteAsync(http); return; }

            http.Response.ContentType = "application/x-ndjson";
            var written = 0;
            IAsyncEnumerable<StreamRecord> records;
            if (follow == true) records = store.FollowAsync(stream, from ?? 0, ct);
            else
            {
                try { records = (await store.ReadAsync(stream, from ?? 0, new ReadLimits(count ?? 1000), ct)).Records.ToAsyncEnumerable(); }
                catch (StreamStoreException e) { await AdminAccess.Problem(e.Code == "stream_not_found" ? 404 : 400, e.Message).ExecuteAsync(http); return; }
            }
            try
            {
                await foreach (var record in records.WithCancellation(ct))
                {
                    await http.Response.WriteAsync(ToJsonLine(record), ct);
                    await http.Response.Body.FlushAsync(ct);
                    if (count is { } max && ++written >= max) break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        });
    }

    private static string ToJsonLine(StreamRecord r) => JsonSerializer.Serialize(new
    {
        seq_num = r.SeqNum,
        timestamp = r.Timestamp,
        headers = r.Headers.Select(h => new[] { h.NameText, h.ValueText }),
        body = Encoding.UTF8.GetString(r.Body),
    }) + "\n";
}
