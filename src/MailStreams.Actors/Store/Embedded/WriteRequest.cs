namespace MailStreams.Store.Embedded;

/// <summary>What a write request does to its stream.</summary>
internal enum WriteKind { Append, Create, Delete }

/// <summary>
/// One change waiting for the writer: an append (already validated against S2's limits), a create or a delete.
/// The caller awaits <see cref="Completion"/>; the writer completes it after the group holding the request has
/// committed (or fails it alone when its own check fails). Create and delete complete with null.
/// </summary>
internal sealed class WriteRequest
{
    private WriteRequest(WriteKind kind, string stream, CancellationToken cancellation)
    {
        Kind = kind;
        Stream = stream;
        Cancellation = cancellation;
    }

    public WriteKind Kind { get; }
    public string Stream { get; }
    public IReadOnlyList<AppendRecord> Records { get; private init; } = [];
    public long? MatchSeqNum { get; private init; }
    public long MeteredBytes { get; private init; }

    /// <summary>Cancellation only stops a request the writer has not started; an applied one is reported as it is.</summary>
    public CancellationToken Cancellation { get; }

    public TaskCompletionSource<AppendAck?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static WriteRequest Append(string stream, IReadOnlyList<AppendRecord> records, long? matchSeqNum,
        long meteredBytes, CancellationToken cancellation) =>
        new(WriteKind.Append, stream, cancellation) { Records = records, MatchSeqNum = matchSeqNum, MeteredBytes = meteredBytes };

    public static WriteRequest Create(string stream, CancellationToken cancellation) => new(WriteKind.Create, stream, cancellation);

    public static WriteRequest Delete(string stream, CancellationToken cancellation) => new(WriteKind.Delete, stream, cancellation);
}
