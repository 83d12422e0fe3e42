using Akka.Actor;
using Akka.Hosting;
using MailStreams.Hosting;
using MailStreams.Tools;
using MailStreams.Tools.Sync;

namespace MailStreams.Host.Http;

/// <summary>
/// The tools lifecycle over HTTP: <c>GET /api/tools</c> (status), <c>POST /api/tools/sync</c> (sync now and answer with
/// its report; used by <c>mailstreams tools sync</c>), both admin-only, and the GitHub push webhook.
/// </summary>
internal static class ToolEndpoints
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromMinutes(3);

    public static void MapTools(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tools", (HttpContext http, MailStreamsOptions options, ToolsStatusBoard board, ActiveTools tools, IToolSource source) =>
            AdminAccess.Check(http, options) ?? Results.Json(ToolsView.Status(board.Current, tools, source)));

        app.MapPost("/api/tools/sync", async (HttpContext http, MailStreamsOptions options, IRequiredActor<ToolSyncActor> sync, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            var actor = await sync.GetAsync(ct);
            try
            {
                var report = await actor.Ask<ToolSyncReport>(new ToolSyncProtocol.Sync("cli"), SyncTimeout, ct);
                return Results.Json(ToolsView.Report(report));
            }
            catch (AskTimeoutException)
            {
                return AdminAccess.Problem(504, $"the sync did not finish within {SyncTimeout.TotalMinutes:0} minutes; see GET /api/tools later");
            }
        });

        app.MapGitHubWebhook();
    }
}
