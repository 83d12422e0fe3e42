using MailStreams.Hosting;

namespace MailStreams.Pipeline;

/// <summary>Persisted by a stream consumer: every record before <paramref name="NextSeq"/> is done.</summary>
public sealed record OffsetCommitted(long NextSeq) : IPersistedMessage;
