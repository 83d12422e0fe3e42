namespace MailStreams.Store;

/// <summary>The names of the streams MailStreams writes (design.md §Streams and records).</summary>
public static class StreamNames
{
    public const string InboxPrefix = "inbox/";
    public const string Outbox = "outbox";
    public const string DeadOutbox = "dead/outbox";
    public const string DeadIngress = "dead/ingress";
    public const string ResendIngress = "ingress/resend";
    public const string ResendEvents = "events/resend";
    public const string Unrouted = "events/unrouted";
    public const string Skipped = "events/skipped";
    public const string Sent = "events/sent";

    public static string Inbox(string name) => InboxPrefix + name;
    public static string DeadInbox(string name) => "dead/" + InboxPrefix + name;
    public static string InboxName(string stream) => stream[InboxPrefix.Length..];
}
