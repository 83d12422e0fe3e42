using MailStreams.Hosting;
using MailStreams.Ingress;
using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Host.Http;

/// <summary>
/// <c>POST /api/messages</c>: local ingress of a raw RFC 5322 message (<c>message/rfc822</c>), as used by
/// <c>mailstreams send</c> and <c>mailstreams demo</c>. Answers 202 with the inboxes it went to.
/// </summary>
internal static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", async (HttpContext http, MailStreamsOptions options, MailIntake intake, MimeEmailParser parser, CancellationToken ct) =>
        {
            if (AdminAccess.Check(http, options) is { } denied) return denied;
            byte[] raw;
            try { raw = await BodyReader.ReadAsync(http.Request, options.Limits.MessageBytes, ct); }
            catch (BodyReader.TooLargeException e) { return AdminAccess.Problem(413, e.Message + " (MailStreams__Limits__MessageBytes; larger messages need the blob store)"); }
            if (raw.Length == 0) return AdminAccess.Problem(400, "empty body: post a raw RFC 5322 message (Content-Type: message/rfc822)");

            Email email;
            try { email = parser.Parse(raw, "local", []); }
            catch (MailParseException e) { return AdminAccess.Problem(400, e.Message); }

            try
            {
                var result = await intake.AcceptAsync(email, ct);
                return Results.Json(result, statusCode: 202);
            }
            catch (StreamStoreException e) when (e.Code == "invalid")
            {
                return AdminAccess.Problem(413, "the message does not fit in one record: " + e.Message);
            }
        });
    }
}
