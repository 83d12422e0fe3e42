using System.Text.Json;
using Akka.Hosting;
using MailStreams.Hosting;
using MailStreams.Tools.Git;
using MailStreams.Tools.Sync;

namespace MailStreams.Host.Http;

/// <summary>
/// <c>POST /webhooks/github</c>: a push to the tools repository starts a sync. The raw body must carry a valid
/// <c>X-Hub-Signature-256</c> for the configured secret (401 otherwise, nothing happens). <c>ping</c> is answered;
/// other events and pushes to other branches are acknowledged and ignored. A push to the followed branch is answered
/// 202 at once (GitHub waits 10 s at most); the sync's outcome shows in <c>GET /api/tools</c>.
/// </summary>
internal static class GitHubWebhookEndpoint
{
    private const long MaxBodyBytes = 25L * 1024 * 1024;

    public static void MapGitHubWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/github", async (HttpContext http, MailStreamsOptions options, IToolSource source,
            IRequiredActor<ToolSyncActor> sync, CancellationToken ct) =>
        {
            if (source is not GitToolSource git)
                return AdminAccess.Problem(404, "the tools do not come from Git: set TOOLS_ROOT_GITHUB");
            if (string.IsNullOrEmpty(options.Tools.WebhookSecret))
                return AdminAccess.Problem(500, "the GitHub webhook is not configured: set GITHUB_WEBHOOK_SECRET");
            byte[] body;
            try { body = await BodyReader.ReadAsync(http.Request, MaxBodyBytes, ct); }
            catch (BodyReader.TooLargeException e) { return AdminAccess.Problem(413, e.Message); }
            if (!GitHubPushSignature.Verify(options.Tools.WebhookSecret, body, http.Request.Headers[GitHubPushSignature.Header]))
                return AdminAccess.Problem(401, $"missing or invalid {GitHubPushSignature.Header} signature");

            var githubEvent = http.Request.Headers["X-GitHub-Event"].ToString();
            if (githubEvent == "ping") return Results.Json(new { status = "pong" });
            if (githubEvent != "push") return Results.Json(new { status = $"ignored: event '{githubEvent}'" });
            string? pushedRef;
            try
            {
                using var json = JsonDocument.Parse(body);
                pushedRef = json.RootElement.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            }
            catch (JsonException e)
            {
                return AdminAccess.Problem(400, $"the push event is not valid JSON: {e.Message}");
            }
            if (pushedRef is null) return AdminAccess.Problem(400, "the push event has no 'ref'");
            var followed = git.Repository.Branch is { } branch ? "refs/heads/" + branch : null;
            if (pushedRef != followed) return Results.Json(new { status = $"ignored: push to {pushedRef}, following {followed ?? "(not yet known)"}" });

            (await sync.GetAsync(ct)).Tell(new ToolSyncProtocol.Sync("webhook"), Akka.Actor.ActorRefs.NoSender);
            return Results.Json(new { status = "sync started" }, statusCode: 202);
        });
    }
}
