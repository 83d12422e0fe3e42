namespace MailStreams.Mail;

/// <summary>The domain replies are sent from (<c>BASE_DOMAIN</c>): inbox <c>reverser</c> answers as <c>reverser@BaseDomain</c>.</summary>
internal sealed record ReplyBuilderOptions
{
    public required string BaseDomain { get; init; }
}
