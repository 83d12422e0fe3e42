using System.Collections.Immutable;
using MailStreams.Hosting;
using static MailStreams.Outbox.OutboxEvents;

namespace MailStreams.Outbox;

/// <summary>
/// The outbox actor's state: the next outbox seq_num to read and the idempotency keys already finished with.
/// Pure: <see cref="Apply"/> is the only way it changes.
/// </summary>
public sealed record OutboxState(long NextSeq, ImmutableHashSet<string> DoneKeys)
{
    public static readonly OutboxState Empty = new(0, ImmutableHashSet<string>.Empty);

    public bool IsDone(string key) => DoneKeys.Contains(key);

    public OutboxState Apply(IOutboxEvent evt) => evt switch
    {
        ReplySkipped => this with { NextSeq = Math.Max(NextSeq, evt.Seq + 1) },
        _ => new OutboxState(Math.Max(NextSeq, evt.Seq + 1), DoneKeys.Add(evt.Key)),
    };

    public OutboxSnapshot ToSnapshot() => new(NextSeq, DoneKeys.Order(StringComparer.Ordinal).ToArray());

    public static OutboxState From(OutboxSnapshot s) => new(s.NextSeq, s.DoneKeys.ToImmutableHashSet());
}

/// <summary>The persisted form of <see cref="OutboxState"/>.</summary>
public sealed record OutboxSnapshot(long NextSeq, string[] DoneKeys) : IPersistedMessage;
