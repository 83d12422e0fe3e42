namespace MailStreams.Store;

/// <summary>
/// Durable, append-only streams with S2's semantics: per-stream sequence numbers dense from 0, atomic batch
/// appends, reads by position, following the tail, listing by prefix. Streams are created on first append.
/// Every backend (embedded SQLite, S2) passes the same contract tests.
/// </summary>
public interface IStreamStore
{
    /// <summary>Creates an empty stream. Throws <see cref="StreamStoreException"/> with code <c>resource_already_exists</c> if it exists.</summary>
    Task CreateStreamAsync(string stream, CancellationToken ct = default);

    /// <summary>Deletes a stream and its records. Throws <c>stream_not_found</c> if absent.</summary>
    Task DeleteStreamAsync(string stream, CancellationToken ct = default);

    /// <summary>Streams whose name starts with <paramref name="prefix"/>, in name order, after <paramref name="startAfter"/>.</summary>
    Task<IReadOnlyList<StreamInfo>> ListStreamsAsync(string prefix = "", string? startAfter = null, int limit = 1000, CancellationToken ct = default);

    /// <summary>
    /// Appends 1..1000 records atomically (creating the stream if needed). With <paramref name="matchSeqNum"/> the
    /// append happens only if the tail equals it, else <see cref="SeqNumMismatchException"/>.
    /// </summary>
    Task<AppendAck> AppendAsync(string stream, IReadOnlyList<AppendRecord> records, long? matchSeqNum = null, CancellationToken ct = default);

    /// <summary>Records with seq_num &gt;= <paramref name="fromSeqNum"/>, up to the limits. Empty at the tail. Throws <c>stream_not_found</c>.</summary>
    Task<ReadBatch> ReadAsync(string stream, long fromSeqNum, ReadLimits? limits = null, CancellationToken ct = default);

    /// <summary>
    /// Every record from <paramref name="fromSeqNum"/> on, then each new one as it is appended, until cancelled.
    /// Waits without polling. A stream that does not exist yet is waited for.
    /// </summary>
    IAsyncEnumerable<StreamRecord> FollowAsync(string stream, long fromSeqNum, CancellationToken ct = default);

    /// <summary>The next seq_num and the timestamp of the last record (0 when empty). Throws <c>stream_not_found</c>.</summary>
    Task<StreamPosition> CheckTailAsync(string stream, CancellationToken ct = default);

    /// <summary>Names of the streams with this prefix that exist now, then of each one created later, until cancelled.</summary>
    IAsyncEnumerable<string> WatchStreamsAsync(string prefix, CancellationToken ct = default);
}
