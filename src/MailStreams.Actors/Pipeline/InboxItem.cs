using MailStreams.Mail;
using MailStreams.Store;

namespace MailStreams.Pipeline;

/// <summary>One inbox record on its way through the pipeline stages, with what has been decided about it so far.</summary>
public sealed record InboxItem(string Inbox, StreamRecord Record, Email? Email, InboxDecision Decision)
{
    public string Stream => StreamNames.Inbox(Inbox);

    /// <summary>The key every effect of this record carries: <c>inbox/&lt;name&gt;:&lt;seq&gt;</c>.</summary>
    public string IdempotencyKey => $"{Stream}:{Record.SeqNum}";

    /// <summary>The revision of the tools that decided this record (set when a tool was called).</summary>
    public string? ToolVersion { get; init; }

    public InboxItem With(InboxDecision decision) => this with { Decision = decision };
}

/// <summary>What happens to an inbox record: still undecided, no reply (with the reason), dead (with the error), or a reply.</summary>
public abstract record InboxDecision
{
    private InboxDecision() { }

    public sealed record Undecided : InboxDecision;
    public sealed record NoReply(string Reason) : InboxDecision;
    public sealed record Dead(string Error) : InboxDecision;
    public sealed record Replied(Reply Reply) : InboxDecision;
    public sealed record Outgoing(OutboundEmail Email) : InboxDecision;

    public static readonly InboxDecision Pending = new Undecided();
}
