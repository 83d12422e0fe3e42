using MailStreams.DeadLetters;
using MailStreams.Hosting;

namespace MailStreams.Host.Http;

/// <summary>
/// Dead letters for operators (admin access): <c>GET /api/dlq</c> lists the dead/* streams, <c>GET /api/dlq/records?stream=</c>
/// shows one, <c>POST /api/dlq/retry|drop?stream=&amp;seq=</c> records a decision in <c>events/dlq</c>.
/// </summary>
internal static class DeadLetterEndpoints
{
    public static void MapDeadLetters(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dlq", async (HttpContext http, MailStreamsOptions options, DeadLetterDesk desk, CancellationToken ct) =>
            AdminAccess.Check(http, options) ?? Results.Json(await desk.ListAsync(ct)));

        app.MapGet("/api/dlq/records", async (HttpContext http, MailStreamsOptions options, DeadLetterDesk desk, string? stream, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            if (stream is null || !stream.StartsWith("dead/", StringComparison.Ordinal))
                return AdminAccess.Problem(400, "query parameter 'stream' must name a dead-letter stream (dead/…)");
            return Results.Json(await desk.ShowAsync(stream, ct));
        });

        app.MapPost("/api/dlq/{action}", async (HttpContext http, MailStreamsOptions options, DeadLetterDesk desk, string action, string? stream, long? seq, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            if (stream is null || seq is not >= 0) return AdminAccess.Problem(400, "query parameters 'stream' and 'seq' (>= 0) are required");
            var decision = await desk.DecideAsync(stream, seq.Value, action, ct);
            return decision.Status == 200 ? Results.Json(new { status = decision.Message }) : AdminAccess.Problem(decision.Status, decision.Message);
        });
    }
}
