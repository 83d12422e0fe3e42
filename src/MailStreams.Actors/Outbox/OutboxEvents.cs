using MailStreams.Hosting;

namespace MailStreams.Outbox;

/// <summary>What the outbox actor persists, one event per outbox record it finished with.</summary>
public static class OutboxEvents
{
    public interface IOutboxEvent : IPersistedMessage
    {
        long Seq { get; }
        string Key { get; }
    }

    /// <summary>The provider accepted the reply (or the file was written).</summary>
    public sealed record ReplySent(long Seq, string Key, string ProviderId) : IOutboxEvent;

    /// <summary>The reply was rejected for good and recorded in <c>dead/outbox</c>.</summary>
    public sealed record ReplyDeadLettered(long Seq, string Key, string Reason) : IOutboxEvent;

    /// <summary>A record whose idempotency key was already handled (a replayed pipeline): not sent again.</summary>
    public sealed record ReplySkipped(long Seq, string Key) : IOutboxEvent;
}
