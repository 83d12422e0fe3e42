namespace MailStreams.Mail;

/// <summary>What a tool asks to send back (a string result becomes <c>new Reply { Text = s }</c>).</summary>
public sealed record Reply
{
    public string? Subject { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    public IReadOnlyList<string>? Cc { get; init; }
}
