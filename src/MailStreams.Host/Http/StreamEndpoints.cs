using System.Text;
using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Store;

namespace MailStreams.Host.Http;

/// <summary>
/// Read-only admin view of the streams for <c>mailstreams streams ls/read</c>: <c>GET /api/streams?prefix=</c> and
/// <c>GET /api/records?stream=&amp;from=&amp;count=&amp;follow=</c>, the latter as one JSON record per line. A follow
/// ends when the daemon stops, so a graceful stop never waits for a reader.
/// </summary>
internal static class StreamEndpoints
{
    public static void MapStreams(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams", async (HttpContext http, MailStreamsOptions options, IStreamStore store, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            var prefix = http.Request.Query["prefix"].ToString();
            var all = new List<StreamInfo>();
            try
            {
                for (string? after = null; ;)
                {
                    var page = await store.ListStreamsAsync(prefix, after, 1000, ct);
                    all.AddRange(page);
                    if (page.Count < 1000) break;
                    after = page[^1].Name;
                }
            }
            catch (StreamStoreException e) { return AdminAccess.Problem(400, e.Message); }
            return Results.Json(all.Select(s => new { name = s.Name, createdAt = s.CreatedAt }));
        });

        app.MapGet("/api/records", async (HttpContext http, MailStreamsOptions options, IStreamStore store, IHostApplicationLifetime lifetime) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) { await denied.ExecuteAsync(http); return; }
            var query = RecordsQuery.Parse(http.Request.Query);
            if (query.Error is not null) { await AdminAccess.Problem(400, query.Error).ExecuteAsync(http); return; }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            try
            {
                http.Response.ContentType = "application/x-ndjson";
                var written = 0;
                await foreach (var record in Records(store, query, stop.Token))
                {
                    await http.Response.WriteAsync(ToJsonLine(record), stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                    if (++written >= query.Count) break;
                }
            }
            catch (StreamStoreException e) when (!http.Response.HasStarted)
            {
                await AdminAccess.Problem(e.Code == "stream_not_found" ? 404 : 400, e.Message).ExecuteAsync(http);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        });
    }

    /// <summary>Stored records from the start position up to the tail, or following the stream.</summary>
    private static IAsyncEnumerable<StreamRecord> Records(IStreamStore store, RecordsQuery query, CancellationToken ct) =>
        query.Follow ? store.FollowAsync(query.Stream, query.From, ct) : store.ReadToTailAsync(query.Stream, query.From, ct: ct);

    private static string ToJsonLine(StreamRecord r) => JsonSerializer.Serialize(new
    {
        seq_num = r.SeqNum,
        timestamp = r.Timestamp,
        headers = r.Headers.Select(h => new[] { h.NameText, h.ValueText }),
        body = Encoding.UTF8.GetString(r.Body),
    }) + "\n";
}
