using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Store;
using MailStreams.Store.S2;

namespace MailStreams.Host.Http.S2;

/// <summary>
/// The S2-compatible endpoint over the daemon's store, under <c>/s2/v1</c>: the basin-plane calls a client needs
/// (list, create, get config, delete streams; append, read, read sessions, check tail) with S2's JSON shapes, status
/// codes and error bodies. One basin: any basin name (host or <c>s2-basin</c>) is served by the same store. As with
/// S2's default basin config, appending to or reading a missing stream is 404 <c>stream_not_found</c>.
/// </summary>
internal static class S2Endpoints
{
    public static void MapS2Endpoint(this IEndpointRouteBuilder app, S2EndpointSettings settings)
    {
        var group = app.MapGroup(S2EndpointSettings.PathPrefix);
        group.AddEndpointFilter(async (context, next) =>
            S2EndpointAccess.Check(context.HttpContext, settings) ?? await next(context));

        group.MapGet("/streams", ListAsync);
        group.MapPost("/streams", CreateAsync);
        group.MapGet("/streams/{stream}", GetConfigAsync);
        group.MapDelete("/streams/{stream}", DeleteAsync);
        group.MapPost("/streams/{stream}/records", S2RecordEndpoints.AppendAsync);
        group.MapGet("/streams/{stream}/records", (HttpContext http, IStreamStore store, CancellationToken ct) =>
            S2RecordEndpoints.ReadAsync(http, store, settings, ct));
        group.MapGet("/streams/{stream}/records/tail", S2RecordEndpoints.CheckTailAsync);
    }

    private static async Task<IResult> ListAsync(IStreamStore store, string? prefix, string? start_after, int? limit, CancellationToken ct)
    {
        if (limit is < 0 or > 1000) return S2Errors.BadQuery("limit must be between 0 and 1000");
        var take = limit is null or 0 ? 1000 : limit.Value;
        try
        {
            var page = await store.ListStreamsAsync(prefix ?? "", string.IsNullOrEmpty(start_after) ? null : start_after, take, ct);
            var more = page.Count == take && (await store.ListStreamsAsync(prefix ?? "", page[^1].Name, 1, ct)).Count > 0;
            return Results.Json(new S2WireStreamList([.. page.Select(Info)], more), S2Json.Options);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IStreamStore store, CancellationToken ct)
    {
        S2WireCreateStream? input;
        try { input = await JsonSerializer.DeserializeAsync<S2WireCreateStream>(http.Request.Body, S2Json.Options, ct); }
        catch (JsonException e) { return S2Errors.BadJson($"the body is not a CreateStreamRequest: {e.Message}"); }
        if (input?.Stream is not { } stream) return S2Errors.BadJson("the body needs \"stream\"");
        if (input.Config?["retention_policy"]?["age"] is { } age && age.GetValueKind() != JsonValueKind.Null)
            return S2Errors.Invalid("this endpoint keeps records forever: use retention_policy {\"infinite\":{}}");
        try
        {
            await store.CreateStreamAsync(stream, ct);
            var created = (await store.ListStreamsAsync(stream, null, 1, ct)).FirstOrDefault(s => s.Name == stream);
            http.Response.Headers["s2-provision-result"] = "created";
            return Results.Json(Info(created ?? new StreamInfo(stream, DateTimeOffset.UtcNow)), S2Json.Options, statusCode: 201);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    private static async Task<IResult> GetConfigAsync(HttpContext http, IStreamStore store, CancellationToken ct)
    {
        var stream = S2StreamPath.StreamOf(http) ?? "";
        try
        {
            await store.CheckTailAsync(stream, ct);
            return Results.Json(new
            {
                storage_class = "standard",
                retention_policy = new { infinite = new { } },
                timestamping = new { mode = "client-prefer", uncapped = false },
            }, S2Json.Options);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, IStreamStore store, CancellationToken ct)
    {
        try
        {
            await store.DeleteStreamAsync(S2StreamPath.StreamOf(http) ?? "", ct);
            return Results.StatusCode(202);
        }
        catch (StreamStoreException e) { return S2Errors.From(e); }
    }

    private static S2WireStreamInfo Info(StreamInfo s) => new(s.Name, s.CreatedAt, null);
}
