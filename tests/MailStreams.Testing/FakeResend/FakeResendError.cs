namespace MailStreams.Testing.FakeResend;

/// <summary>An error answer in Resend's shape <c>{"statusCode","name","message"}</c>, with an optional retry-after.</summary>
internal sealed record FakeResendError(int Status, string Name, string Message, int? RetryAfterSeconds = null)
{
    public static FakeResendError Missing(string field) => new(422, "missing_required_field", $"Missing `{field}` field.");

    public static FakeResendError Invalid(string message) => new(400, "validation_error", message);

    public static FakeResendError NotFound(string message) => new(404, "not_found", message);
}
