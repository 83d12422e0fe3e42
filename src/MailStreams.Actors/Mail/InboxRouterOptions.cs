namespace MailStreams.Mail;

/// <summary>The domains whose recipients are our inboxes (e.g. <c>["example.com"]</c>); compared case-insensitively.</summary>
internal sealed record InboxRouterOptions
{
    public IReadOnlyList<string> Domains { get; init; } = [];
}
