using MailStreams.Hosting;

namespace MailStreams.Host.Http;

/// <summary><c>POST /webhooks/resend</c>: the raw body and the Svix headers go to the Resend webhook ingress.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/resend", async (HttpContext http, WebhookEndpointState state, MailStreamsOptions options, CancellationToken ct) =>
        {
            if (state.Ingress is null)
                return AdminAccess.Problem(500, "the Resend webhook is not configured: set RESEND_WEBHOOK_SECRET");
            byte[] body;
            try { body = await BodyReader.ReadAsync(http.Request, options.Limits.WebhookBodyBytes, ct); }
            catch (BodyReader.TooLargeException e) { return AdminAccess.Problem(413, e.Message + " (MailStreams__Limits__WebhookBodyBytes)"); }

            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => (string?)h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var outcome = await state.Ingress.AcceptAsync(headers, body, ct);
            return outcome.StatusCode == 200
                ? Results.Json(new { status = outcome.Message })
                : AdminAccess.Problem(outcome.StatusCode, outcome.Message);
        });
    }
}
