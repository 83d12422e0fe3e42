using MailStreams.Hosting;
using MailStreams.Ingress;
using MailStreams.Store;

namespace MailStreams.Host.Http;

/// <summary><c>POST /webhooks/resend</c>: the raw body and the Svix headers go to the Resend webhook ingress.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/resend", async (HttpContext http, WebhookEndpointState state, MailStreamsOptions options, CancellationToken ct) =>
        {
            if (state.Ingress is null)
                return AdminAccess.Problem(503, "the Resend webhook is not configured: set RESEND_WEBHOOK_SECRET and restart");
            byte[] body;
            try { body = await BodyReader.ReadAsync(http.Request, options.Limits.WebhookBodyBytes, ct); }
            catch (BodyReader.TooLargeException e) { return AdminAccess.Problem(413, e.Message + " (MailStreams__Limits__WebhookBodyBytes)"); }

            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => (string?)h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            WebhookOutcome outcome;
            try { outcome = await state.Ingress.AcceptAsync(headers, body, ct); }
            catch (StreamStoreException e) when (e.Code == "invalid") { return AdminAccess.Problem(413, "the event does not fit in one record: " + e.Message); }
            return outcome.StatusCode == 200
                ? Results.Json(new { status = outcome.Message })
                : AdminAccess.Problem(outcome.StatusCode, outcome.Message);
        });
    }
}
