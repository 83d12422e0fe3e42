using MailStreams.Hosting;
using MailStreams.Pipeline;
using MailStreams.Store;

namespace MailStreams.Host.Http;

/// <summary><c>POST /api/replay?stream=inbox/&lt;name&gt;&amp;from=N[&amp;to=M][&amp;dryRun=true]</c> (admin access): see <see cref="InboxReplayer"/>.</summary>
internal static class ReplayEndpoints
{
    public static void MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replay", async (HttpContext http, MailStreamsOptions options, InboxReplayer replayer,
            string? stream, long? from, long? to, bool? dryRun, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            if (stream is null || !stream.StartsWith(StreamNames.InboxPrefix, StringComparison.Ordinal) || stream.Length == StreamNames.InboxPrefix.Length)
                return AdminAccess.Problem(400, "query parameter 'stream' must name an inbox stream (inbox/<name>)");
            if (from is not >= 0 || to < from) return AdminAccess.Problem(400, "'from' (>= 0) is required and 'to' must not be below it");
            return Results.Json(await replayer.ReplayAsync(StreamNames.InboxName(stream), from.Value, to, dryRun ?? false, ct));
        });
    }
}
