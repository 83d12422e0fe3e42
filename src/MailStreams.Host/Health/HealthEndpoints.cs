using System.Text.Json;
using MailStreams.Hosting;
using MailStreams.Host.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailStreams.Host.Health;

/// <summary>
/// <c>GET /healthz</c> (the process is alive), <c>GET /readyz</c> (store, tools, outbox: 200 or 503 with a JSON body
/// naming each check), <c>GET /metrics</c> (Prometheus) and <c>GET /api/status</c> (admin access, for
/// <c>mailstreams status</c>).
/// </summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddMailStreamsHealth(this IServiceCollection services)
    {
        services.AddSingleton<DaemonStatusReader>();
        services.AddSingleton<StatusGauges>();
        services.AddHealthChecks()
            .AddCheck<StoreReadiness>("store", tags: ["ready"])
            .AddCheck<ToolsReadiness>("tools", tags: ["ready"])
            .AddCheck<OutboxReadiness>("outbox", tags: ["ready"]);
        services.AddSingleton<OutboxReadiness>();
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.Services.GetRequiredService<StatusGauges>();
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/api/status", async (HttpContext http, MailStreamsOptions options, DaemonStatusReader reader, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            try { return Results.Json(await reader.ReadAsync(ct), JsonOptions); }
            catch (Exception e) when (e is not OperationCanceledException) { return AdminAccess.Problem(503, "status unreadable: " + e.Message); }
        });
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "unready",
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status == HealthStatus.Healthy ? "ok" : "failing",
                detail = e.Value.Description ?? e.Value.Exception?.Message,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }
}
